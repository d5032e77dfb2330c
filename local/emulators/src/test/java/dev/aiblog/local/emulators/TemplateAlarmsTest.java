package dev.aiblog.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.local.sam.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an operator is told about, read from template.yaml: every alarm of issue 9, and where alarms go. */
class TemplateAlarmsTest {
    private static final SamTemplate SAM = SamTemplate.load(EmulatedAws.findTemplate());
    private static final Map<String, JsonNode> ALARMS = SAM.resources("AWS::CloudWatch::Alarm");

    /** "namespace metric dimension=target" of each alarm on a single metric; targets are logical ids. */
    private static List<String> watched() {
        List<String> out = new ArrayList<>();
        ALARMS.forEach((id, alarm) -> {
            if (alarm.has("MetricName")) {
                StringBuilder line = new StringBuilder(alarm.path("Namespace").asText() + " "
                        + alarm.path("MetricName").asText());
                alarm.path("Dimensions")
                        .forEach(d -> line.append(' ')
                                .append(d.path("Name").asText())
                                .append('=')
                                .append(target(d.path("Value"))));
                out.add(line.toString());
            }
        });
        return out;
    }

    private static String target(JsonNode value) {
        if (value.has("Ref")) {
            return value.get("Ref").asText();
        }
        if (value.has("Fn::GetAtt")) {
            JsonNode att = value.get("Fn::GetAtt");
            return att.isArray() ? att.get(0).asText() : att.asText().split("\\.")[0];
        }
        return value.asText();
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopic() {
        assertThat(SAM.resources("AWS::SNS::Topic")).containsKey("AlarmTopic");
        assertThat(SAM.root().path("Parameters").has("AlarmEmail")).isTrue();
        assertThat(ALARMS)
                .isNotEmpty()
                .allSatisfy((id, alarm) -> assertThat(alarm.path("AlarmActions"))
                        .as(id)
                        .anySatisfy(action -> assertThat(target(action)).isEqualTo("AlarmTopic")));
    }

    @Test
    void watchesBothDeadLetterQueuesAndFailedOrTimedOutExecutionsAndApi5xx() {
        assertThat(watched())
                .contains(
                        "AWS/SQS ApproximateNumberOfMessagesVisible QueueName=RequestsDeadLetterQueue",
                        "AWS/SQS ApproximateNumberOfMessagesVisible QueueName=OutcomeEventsDeadLetterQueue",
                        "AWS/States ExecutionsFailed StateMachineArn=BlogPipelineStateMachine",
                        "AWS/States ExecutionsTimedOut StateMachineArn=BlogPipelineStateMachine",
                        "AWS/ApiGateway 5xx ApiId=HttpApi Stage=$default");
        ALARMS.values().stream()
                .filter(a -> a.path("Namespace").asText().equals("AWS/SQS"))
                .forEach(a -> assertThat(a.path("Threshold").asInt()).isZero());
    }

    @Test
    void watchesEachFunctionsErrorsAndThrottles() {
        for (SamTemplate.Function function : SAM.functions()) {
            assertThat(watched())
                    .as(function.logicalId())
                    .contains(
                            "AWS/Lambda Errors FunctionName=" + function.logicalId(),
                            "AWS/Lambda Throttles FunctionName=" + function.logicalId());
        }
    }

    @Test
    void watchesTheBudgetAt80And100Percent_whenOneIsSet() {
        List<Integer> thresholds = new ArrayList<>();
        ALARMS.forEach((id, alarm) -> {
            if (alarm.has("Metrics") && alarm.path("Metrics").toString().contains("MonthToDateSpendUsd")) {
                assertThat(SAM.root()
                                .path("Resources")
                                .path(id)
                                .path("Condition")
                                .asText())
                        .as(id)
                        .isEqualTo("HasBudget");
                assertThat(alarm.path("Metrics").toString())
                        .contains("MonthToDateSpendUsd")
                        .contains("MonthlyBudgetUsd");
                thresholds.add(alarm.path("Threshold").asInt());
            }
        });
        assertThat(thresholds).containsExactlyInAnyOrder(80, 100);
    }

    @Test
    void theExecutionEndedRuleRetriesAndKeepsWhatItCannotDeliver() {
        JsonNode rule = SAM.function("RecordOutcomeFunction")
                .events()
                .get("ExecutionEnded")
                .path("Properties");
        assertThat(rule.path("RetryPolicy").path("MaximumRetryAttempts").asInt())
                .isPositive();
        assertThat(target(rule.path("DeadLetterConfig").path("Arn"))).isEqualTo("OutcomeEventsDeadLetterQueue");
    }

    /**
     * The execution's TimeoutSeconds is the pipeline's own time plus the longest review ReviewTimeoutSeconds allows;
     * the sweeper's bound for a request that is not awaiting review is the pipeline's time plus the rule's delivery,
     * and for one awaiting review its own review timeout on top (the same parameter, so a review inside its timeout
     * is never swept).
     */
    @Test
    void theSweepersBoundsAreLongerThanAnExecutionMayRun() throws java.io.IOException {
        JsonNode asl = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Files.readString(SAM.stateMachine().definition()));
        long timeout = asl.path("TimeoutSeconds").asLong();
        JsonNode review = SAM.root().path("Parameters").path("ReviewTimeoutSeconds");
        long longestReview = review.path("MaxValue").asLong();
        var sweep = SAM.function("SweepFunction").environment();
        long bound = sweep.get("STUCK_AFTER_SECONDS").asLong();

        assertThat(longestReview).isPositive();
        assertThat(review.path("Default").asLong()).isEqualTo(7 * 24 * 3600).isLessThanOrEqualTo(longestReview);
        assertThat(timeout - longestReview).as("the pipeline's own time").isEqualTo(3600);
        assertThat(bound).isEqualTo(timeout - longestReview + 900);
        assertThat(target(sweep.get("REVIEW_TIMEOUT_SECONDS"))).isEqualTo("ReviewTimeoutSeconds");
        // the review step waits no longer than the parameter says
        JsonNode await = asl.path("States").path("AwaitReview");
        assertThat(await.path("TimeoutSecondsPath").asText()).isEqualTo("$.review.timeoutSeconds");
        assertThat(asl.path("States")
                        .path("ReviewMode")
                        .path("Parameters")
                        .path("timeoutSeconds.$")
                        .asText())
                .contains("${ReviewTimeoutSeconds}");
    }

    @Test
    void watchesTheOldestDraftAwaitingReview_whenReviewIsRequired() {
        JsonNode alarm = ALARMS.get("ReviewQueueAgeAlarm");

        assertThat(alarm).isNotNull();
        assertThat(SAM.root()
                        .path("Resources")
                        .path("ReviewQueueAgeAlarm")
                        .path("Condition")
                        .asText())
                .isEqualTo("ReviewRequired");
        assertThat(alarm.path("Metrics").toString())
                .contains("OldestAwaitingReviewSeconds")
                .contains("ReviewTimeoutSeconds");
        assertThat(alarm.path("Threshold").asInt()).isBetween(1, 99);
    }
}
