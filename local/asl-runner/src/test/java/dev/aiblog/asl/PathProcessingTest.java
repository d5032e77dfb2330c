package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static dev.aiblog.asl.Asl.run;
import static dev.aiblog.asl.Asl.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** InputPath, Parameters, ResultSelector, ResultPath and OutputPath, mostly on the spec's own examples. */
class PathProcessingTest {

    private static final TaskHandler ADD = (resource, input) -> Asl.MAPPER
            .getNodeFactory()
            .numberNode(input.get("val1").asInt() + input.get("val2").asInt());

    private static TaskHandler returning(String result) {
        return (resource, input) -> json(result);
    }

    @Test
    void specExampleInputPathAndResultPathAddTheSumBesideTheInput() {
        StateMachineDefinition definition = single(
                "{\"Type\": \"Task\", \"Resource\": \"add\", \"InputPath\": \"$.numbers\", \"ResultPath\": \"$.sum\", \"End\": true}");

        ExecutionResult result =
                run(definition, ADD, "{\"title\": \"Numbers to add\", \"numbers\": {\"val1\": 3, \"val2\": 4}}");

        assertThat(result.output())
                .isEqualTo(
                        json("{\"title\": \"Numbers to add\", \"numbers\": {\"val1\": 3, \"val2\": 4}, \"sum\": 7}"));
    }

    @Test
    void specExampleResultPathOverwritesAnExistingField() {
        StateMachineDefinition definition =
                single("{\"Type\": \"Task\", \"Resource\": \"r\", \"ResultPath\": \"$.master.detail\", \"End\": true}");

        ExecutionResult result = run(definition, returning("6"), "{\"master\": {\"detail\": [1, 2, 3]}}");

        assertThat(result.output()).isEqualTo(json("{\"master\": {\"detail\": 6}}"));
    }

    @Test
    void specExampleResultPathCreatesIntermediateObjects() {
        StateMachineDefinition definition = single(
                "{\"Type\": \"Task\", \"Resource\": \"r\", \"ResultPath\": \"$.master.result.sum\", \"End\": true}");

        ExecutionResult result = run(definition, returning("6"), "{\"master\": {\"detail\": [1, 2, 3]}}");

        assertThat(result.output()).isEqualTo(json("{\"master\": {\"detail\": [1, 2, 3], \"result\": {\"sum\": 6}}}"));
    }

    @Test
    void specExampleResultPathBuildsANewObjectForAGreeting() {
        StateMachineDefinition definition =
                single("{\"Type\": \"Task\", \"Resource\": \"r\", \"ResultPath\": \"$.b.greeting\", \"End\": true}");

        ExecutionResult result = run(definition, returning("\"Hi!\""), "{\"a\": 1}");

        assertThat(result.output()).isEqualTo(json("{\"a\": 1, \"b\": {\"greeting\": \"Hi!\"}}"));
    }

    @Test
    void specExampleInputPathWithSeveralMatchesGathersThemIntoAnArray() {
        List<JsonNode> seen = new ArrayList<>();
        StateMachineDefinition definition = single(
                "{\"Type\": \"Task\", \"Resource\": \"r\", \"InputPath\": \"$.a[0,1]\", \"ResultPath\": null, \"End\": true}");

        run(
                definition,
                (resource, input) -> {
                    seen.add(input);
                    return input;
                },
                "{\"a\": [1, 2, 3, 4]}");

        assertThat(seen).containsExactly(json("[1, 2]"));
    }

    @Test
    void specExamplePayloadTemplateBuildsTheEffectiveInput() {
        List<JsonNode> seen = new ArrayList<>();
        StateMachineDefinition definition = single("""
            {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:task:X", "End": true,
             "Parameters": {
               "flagged": true,
               "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[-3:]"},
               "weekday.$": "$.DayOfWeek",
               "formattedOutput.$": "States.Format('Today is {}', $.DayOfWeek)"
             }}
            """);

        run(
                definition,
                (resource, input) -> {
                    seen.add(input);
                    return input;
                },
                "{\"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50], \"DayOfWeek\": \"TUESDAY\"}");

        assertThat(seen).containsExactly(json("""
                {"flagged": true, "parts": {"first": 0, "last3": [30, 40, 50]},
                 "weekday": "TUESDAY", "formattedOutput": "Today is TUESDAY"}
                """));
    }

    @Test
    void specExamplePassResultIsPlacedAtResultPath() {
        StateMachineDefinition definition = single("""
            {"Type": "Pass", "Result": {"x-datum": 0.381018, "y-datum": 622.2269926397355},
             "ResultPath": "$.coords", "End": true}
            """);

        ExecutionResult result = run(definition, null, "{\"georefOf\": \"Home\"}");

        assertThat(result.output())
                .isEqualTo(
                        json(
                                "{\"georefOf\": \"Home\", \"coords\": {\"x-datum\": 0.381018, \"y-datum\": 622.2269926397355}}"));
    }

    @Test
    void processesPathsInTheSpecOrderInputPathParametersResultSelectorResultPathOutputPath() {
        List<JsonNode> seen = new ArrayList<>();
        StateMachineDefinition definition = single("""
            {"Type": "Task", "Resource": "r", "End": true,
             "InputPath": "$.request",
             "Parameters": {"topic.$": "$.topic", "fixed": 1},
             "ResultSelector": {"title.$": "$.Payload.title", "status.$": "$.StatusCode"},
             "ResultPath": "$.request.generated",
             "OutputPath": "$.request"}
            """);

        ExecutionResult result = run(
                definition,
                (resource, input) -> {
                    seen.add(input);
                    return json("{\"Payload\": {\"title\": \"T\", \"body\": \"long\"}, \"StatusCode\": 200}");
                },
                "{\"request\": {\"topic\": \"otters\", \"id\": \"r1\"}, \"other\": true}");

        assertThat(seen).containsExactly(json("{\"topic\": \"otters\", \"fixed\": 1}"));
        assertThat(result.output())
                .isEqualTo(json(
                        "{\"topic\": \"otters\", \"id\": \"r1\", \"generated\": {\"title\": \"T\", \"status\": 200}}"));
    }

    @Test
    void nullInputPathGivesTheStateAnEmptyObject() {
        List<JsonNode> seen = new ArrayList<>();
        StateMachineDefinition definition = single(
                "{\"Type\": \"Task\", \"Resource\": \"r\", \"InputPath\": null, \"ResultPath\": null, \"End\": true}");

        ExecutionResult result = run(
                definition,
                (resource, input) -> {
                    seen.add(input);
                    return json("\"ignored\"");
                },
                "{\"a\": 1}");

        assertThat(seen).containsExactly(json("{}"));
        assertThat(result.output()).isEqualTo(json("{\"a\": 1}"));
    }

    @Test
    void nullResultPathDiscardsTheResultAndKeepsTheInput() {
        StateMachineDefinition definition =
                single("{\"Type\": \"Task\", \"Resource\": \"r\", \"ResultPath\": null, \"End\": true}");

        ExecutionResult result = run(definition, returning("{\"big\": \"result\"}"), "{\"keep\": \"me\"}");

        assertThat(result.output()).isEqualTo(json("{\"keep\": \"me\"}"));
    }

    @Test
    void defaultResultPathReplacesTheInputWithTheResult() {
        StateMachineDefinition definition = single("{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true}");

        ExecutionResult result = run(definition, returning("{\"only\": \"result\"}"), "{\"gone\": true}");

        assertThat(result.output()).isEqualTo(json("{\"only\": \"result\"}"));
    }

    @Test
    void nullOutputPathSendsAnEmptyObjectOn() {
        StateMachineDefinition definition =
                single("{\"Type\": \"Task\", \"Resource\": \"r\", \"OutputPath\": null, \"End\": true}");

        ExecutionResult result = run(definition, returning("{\"x\": 1}"), "{\"y\": 2}");

        assertThat(result.output()).isEqualTo(json("{}"));
    }

    @Test
    void resultPathIntoAnArrayElementReplacesThatElement() {
        StateMachineDefinition definition =
                single("{\"Type\": \"Pass\", \"Result\": \"new\", \"ResultPath\": \"$.items[1]\", \"End\": true}");

        ExecutionResult result = run(definition, null, "{\"items\": [\"a\", \"b\", \"c\"]}");

        assertThat(result.output()).isEqualTo(json("{\"items\": [\"a\", \"new\", \"c\"]}"));
    }

    @Test
    void resultPathDoesNotChangeTheInputRecordedInHistory() {
        StateMachineDefinition definition =
                single("{\"Type\": \"Pass\", \"Result\": 1, \"ResultPath\": \"$.added\", \"End\": true}");

        ExecutionResult result = run(definition, null, "{\"a\": {}}");

        JsonNode enteredInput = Asl.events(result, HistoryEventType.PassStateEntered)
                .getFirst()
                .details()
                .get("input");
        assertThat(enteredInput).isEqualTo(json("{\"a\": {}}"));
        assertThat(result.output()).isEqualTo(json("{\"a\": {}, \"added\": 1}"));
    }

    @Test
    void passWithParametersAndNoResultOutputsThePayload() {
        StateMachineDefinition definition = single(
                "{\"Type\": \"Pass\", \"Parameters\": {\"id.$\": \"$.requestId\", \"step\": \"TEXT\"}, \"ResultPath\": \"$.ctx\", \"End\": true}");

        ExecutionResult result = run(definition, null, "{\"requestId\": \"r-1\"}");

        assertThat(result.output())
                .isEqualTo(json("{\"requestId\": \"r-1\", \"ctx\": {\"id\": \"r-1\", \"step\": \"TEXT\"}}"));
    }

    @Test
    void processesNestedObjectsAndArraysInParameters() {
        StateMachineDefinition definition = single("""
            {"Type": "Pass", "End": true,
             "Parameters": {"outer": {"list": [{"v.$": "$.a"}, "plain", [{"w.$": "$.b"}]], "n.$": "$.b"}}}
            """);

        ExecutionResult result = run(definition, null, "{\"a\": \"A\", \"b\": 2}");

        assertThat(result.output())
                .isEqualTo(json("{\"outer\": {\"list\": [{\"v\": \"A\"}, \"plain\", [{\"w\": 2}]], \"n\": 2}}"));
    }

    @Test
    void parametersReadTheContextObject() {
        StateMachineDefinition definition = single("""
            {"Type": "Pass", "End": true, "Parameters": {
              "name.$": "$$.Execution.Name", "id.$": "$$.Execution.Id", "start.$": "$$.Execution.StartTime",
              "state.$": "$$.State.Name", "entered.$": "$$.State.EnteredTime", "retries.$": "$$.State.RetryCount",
              "machine.$": "$$.StateMachine.Name", "input.$": "$$.Execution.Input.x"}}
            """);

        ExecutionResult result = StateMachineRunner.builder()
                .definition(definition)
                .clock(Asl.FIXED_CLOCK)
                .stateMachineArn("arn:aws:states:eu-west-1:111122223333:stateMachine:blog-pipeline")
                .build()
                .run("req-42", json("{\"x\": \"from input\"}"));

        assertThat(result.output()).isEqualTo(json("""
                {"name": "req-42",
                 "id": "arn:aws:states:eu-west-1:111122223333:execution:blog-pipeline:req-42",
                 "start": "2025-01-02T03:04:05.678Z", "state": "S", "entered": "2025-01-02T03:04:05.678Z",
                 "retries": 0, "machine": "blog-pipeline", "input": "from input"}
                """));
    }

    @Test
    void aParametersPathThatMatchesNothingFailsWithStatesRuntimeEvenWithACatchAll() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
            {"StartAt": "S", "States": {
              "S": {"Type": "Task", "Resource": "r", "Parameters": {"x.$": "$.missing"}, "End": true,
                    "Retry": [{"ErrorEquals": ["States.ALL"]}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
              "Caught": {"Type": "Succeed"}}}
            """);

        ExecutionResult result = run(definition, (r, i) -> i, "{\"present\": 1}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("state 'S'", "entered at the event id #2", "'$.missing'", "'x.$'");
        assertThat(Asl.events(result, HistoryEventType.TaskScheduled)).isEmpty();
    }

    @Test
    void anInputPathThatMatchesNothingFailsWithStatesRuntime() {
        ExecutionResult result =
                run(single("{\"Type\": \"Pass\", \"InputPath\": \"$.nope\", \"End\": true}"), null, "{}");

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("Invalid path '$.nope'");
    }

    @Test
    void anOutOfRangeArrayIndexIsAMissingPathNotNull() {
        ExecutionResult result = run(
                single("{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"$.list[5]\"}, \"End\": true}"),
                null,
                "{\"list\": [1]}");

        assertThat(result.error()).isEqualTo("States.Runtime");
    }

    @Test
    void aResultPathThatCannotApplyToTheInputFailsWithStatesRuntime() {
        StateMachineDefinition definition =
                single("{\"Type\": \"Pass\", \"Result\": 1, \"ResultPath\": \"$.x\", \"End\": true}");

        ExecutionResult result = run(definition, null, "\"foo\"");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("Unable to apply ReferencePath $.x");
    }

    @Test
    void aResultPathThroughAScalarFieldFailsWithStatesRuntime() {
        StateMachineDefinition definition =
                single("{\"Type\": \"Pass\", \"Result\": 1, \"ResultPath\": \"$.a.b\", \"End\": true}");

        ExecutionResult result = run(definition, null, "{\"a\": \"text\"}");

        assertThat(result.error()).isEqualTo("States.Runtime");
    }

    @Test
    void theHandlerGetsACopyItMayChangeWithoutTouchingTheExecutionData() {
        StateMachineDefinition definition =
                single("{\"Type\": \"Task\", \"Resource\": \"r\", \"ResultPath\": \"$.r\", \"End\": true}");

        ExecutionResult result = run(
                definition,
                (resource, input) -> {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) input).put("mutated", true);
                    return json("1");
                },
                "{\"a\": 1}");

        assertThat(result.output()).isEqualTo(json("{\"a\": 1, \"r\": 1}"));
    }
}
