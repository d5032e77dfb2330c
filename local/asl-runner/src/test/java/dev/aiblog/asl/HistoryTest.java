package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static dev.aiblog.asl.HistoryEventType.ChoiceStateEntered;
import static dev.aiblog.asl.HistoryEventType.ChoiceStateExited;
import static dev.aiblog.asl.HistoryEventType.ExecutionFailed;
import static dev.aiblog.asl.HistoryEventType.ExecutionStarted;
import static dev.aiblog.asl.HistoryEventType.ExecutionSucceeded;
import static dev.aiblog.asl.HistoryEventType.PassStateEntered;
import static dev.aiblog.asl.HistoryEventType.PassStateExited;
import static dev.aiblog.asl.HistoryEventType.SucceedStateEntered;
import static dev.aiblog.asl.HistoryEventType.SucceedStateExited;
import static dev.aiblog.asl.HistoryEventType.TaskFailed;
import static dev.aiblog.asl.HistoryEventType.TaskScheduled;
import static dev.aiblog.asl.HistoryEventType.TaskStarted;
import static dev.aiblog.asl.HistoryEventType.TaskStateEntered;
import static dev.aiblog.asl.HistoryEventType.TaskStateExited;
import static dev.aiblog.asl.HistoryEventType.TaskSucceeded;
import static dev.aiblog.asl.HistoryEventType.WaitStateEntered;
import static dev.aiblog.asl.HistoryEventType.WaitStateExited;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:text";

    private static final StateMachineDefinition PIPELINE = StateMachineDefinition.parse("""
          {"StartAt": "Generate", "States": {
            "Generate": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 30, "ResultPath": "$.text", "Next": "Check"},
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.text.ok", "BooleanEquals": true, "Next": "Pause"}]},
            "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Shape"},
            "Shape": {"Type": "Pass", "Parameters": {"ok.$": "$.text.ok"}, "Next": "Done"},
            "Done": {"Type": "Succeed"}}}
          """.formatted(LAMBDA));

    @Test
    void recordsTheAwsEventSequenceWithSequentialLinkedIds() {
        ExecutionResult result = Asl.run(PIPELINE, (r, i) -> json("{\"ok\": true}"), "{\"topic\": \"otters\"}");

        assertThat(result.history())
                .extracting(HistoryEvent::type)
                .containsExactly(
                        ExecutionStarted,
                        TaskStateEntered,
                        TaskScheduled,
                        TaskStarted,
                        TaskSucceeded,
                        TaskStateExited,
                        ChoiceStateEntered,
                        ChoiceStateExited,
                        WaitStateEntered,
                        WaitStateExited,
                        PassStateEntered,
                        PassStateExited,
                        SucceedStateEntered,
                        SucceedStateExited,
                        ExecutionSucceeded);
        for (int i = 0; i < result.history().size(); i++) {
            HistoryEvent event = result.history().get(i);
            assertThat(event.id()).isEqualTo(i + 1);
            assertThat(event.previousEventId()).isEqualTo(i);
            assertThat(event.timestamp()).isEqualTo(Asl.NOW);
        }
    }

    @Test
    void eventDetailsCarryInputsOutputsAndTaskParametersLikeAws() {
        ExecutionResult result = Asl.run(PIPELINE, (r, i) -> json("{\"ok\": true}"), "{\"topic\": \"otters\"}");

        HistoryEvent started = result.history().getFirst();
        assertThat(started.stateName()).isNull();
        assertThat(started.details().get("input")).isEqualTo(json("{\"topic\": \"otters\"}"));

        HistoryEvent entered = Asl.events(result, TaskStateEntered).getFirst();
        assertThat(entered.stateName()).isEqualTo("Generate");
        assertThat(entered.details().get("name").textValue()).isEqualTo("Generate");
        assertThat(entered.details().get("input")).isEqualTo(json("{\"topic\": \"otters\"}"));

        HistoryEvent scheduled = Asl.events(result, TaskScheduled).getFirst();
        assertThat(scheduled.details().get("resource").textValue()).isEqualTo(LAMBDA);
        assertThat(scheduled.details().get("resourceType").textValue()).isEqualTo("lambda");
        assertThat(scheduled.details().get("parameters")).isEqualTo(json("{\"topic\": \"otters\"}"));
        assertThat(scheduled.details().get("timeoutInSeconds").intValue()).isEqualTo(30);

        assertThat(Asl.events(result, TaskSucceeded).getFirst().details().get("output"))
                .isEqualTo(json("{\"ok\": true}"));
        assertThat(Asl.events(result, TaskStateExited).getFirst().details().get("output"))
                .isEqualTo(json("{\"topic\": \"otters\", \"text\": {\"ok\": true}}"));
        assertThat(result.history().getLast().details().get("output")).isEqualTo(json("{\"ok\": true}"));
        assertThat(result.output()).isEqualTo(json("{\"ok\": true}"));
    }

    @Test
    void anUncaughtTaskFailureEndsWithTaskFailedThenExecutionFailed() {
        ExecutionResult result = Asl.run(
                PIPELINE,
                (r, i) -> {
                    throw new TaskFailedException("ModelError", "bad output");
                },
                "{}");

        assertThat(result.history())
                .extracting(HistoryEvent::type)
                .containsExactly(
                        ExecutionStarted, TaskStateEntered, TaskScheduled, TaskStarted, TaskFailed, ExecutionFailed);
        assertThat(Asl.events(result, TaskFailed).getFirst().details())
                .isEqualTo(json("{\"resourceType\": \"lambda\", \"resource\": \"" + LAMBDA
                        + "\", \"error\": \"ModelError\", \"cause\": \"bad output\"}"));
        assertThat(result.history().getLast().details())
                .isEqualTo(json("{\"error\": \"ModelError\", \"cause\": \"bad output\"}"));
    }

    @Test
    void theListenerSeesEachEventLiveBeforeTheNextStepRuns() {
        List<HistoryEventType> seen = new CopyOnWriteArrayList<>();
        List<HistoryEventType> seenWhenTheHandlerRan = new ArrayList<>();
        StateMachineRunner runner = StateMachineRunner.builder()
                .definition(PIPELINE)
                .timeScale(0)
                .listener((name, event) -> {
                    assertThat(name).isEqualTo("live");
                    seen.add(event.type());
                })
                .taskHandler((r, i) -> {
                    seenWhenTheHandlerRan.addAll(seen);
                    return json("{\"ok\": true}");
                })
                .build();

        ExecutionResult result = runner.run("live", json("{}"));

        assertThat(seenWhenTheHandlerRan)
                .containsExactly(ExecutionStarted, TaskStateEntered, TaskScheduled, TaskStarted);
        assertThat(seen)
                .isEqualTo(result.history().stream().map(HistoryEvent::type).toList());
    }

    @Test
    void aFailingListenerDoesNotChangeTheExecution() {
        StateMachineRunner runner = StateMachineRunner.builder()
                .definition(PIPELINE)
                .timeScale(0)
                .listener((name, event) -> {
                    throw new IllegalStateException("listener broke");
                })
                .taskHandler((r, i) -> json("{\"ok\": true}"))
                .build();

        assertThat(runner.run("robust", json("{}")).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void theHistoryCannotBeChangedAfterTheRun() {
        ExecutionResult result = Asl.run(PIPELINE, (r, i) -> json("{\"ok\": true}"), "{}");

        assertThat(result.history()).isUnmodifiable();
    }

    @Test
    void onlyTaskRetryScheduledIsNotAnAwsEventType() {
        assertThat(Arrays.stream(HistoryEventType.values()).filter(t -> !t.isAwsType()))
                .containsExactly(HistoryEventType.TaskRetryScheduled);
    }
}
