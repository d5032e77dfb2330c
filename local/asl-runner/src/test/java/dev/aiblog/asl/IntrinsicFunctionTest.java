package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The supported intrinsic functions, on the examples of the spec's Appendix B. */
class IntrinsicFunctionTest {

    /** Runs a Pass state whose Parameters are {@code {"foo.$": expression}} and returns the value of "foo". */
    private static JsonNode evaluate(String expression, String input) {
        ExecutionResult result = run(expression, input);
        assertThat(result.status()).as("%s: %s", result.error(), result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return result.output().get("foo");
    }

    private static ExecutionResult run(String expression, String input) {
        ObjectNodeBuilder parameters = new ObjectNodeBuilder().put("foo.$", expression);
        String definition = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\",\"End\":true,\"Parameters\":"
                + parameters + "}}}";
        return StateMachineRunner.builder()
                .definition(StateMachineDefinition.parse(definition, Map.of()))
                .random(new SplittableRandom(7))
                .build()
                .run("intrinsics", json(input));
    }

    @Test
    void formatInterpolatesPathsAndLiteralsInOrder() {
        JsonNode value = evaluate(
                "States.Format('Your name is {}, we are in the year {}', $.name, 2020)",
                "{\"name\": \"Foo\", \"zebra\": \"stripe\"}");

        assertThat(value.textValue()).isEqualTo("Your name is Foo, we are in the year 2020");
    }

    @Test
    void formatHonoursEscapedQuotesAndBraces() {
        JsonNode value = evaluate(
                "States.Format('Welcome to {} {}\\'s playlist \\{not a placeholder\\}.', $.firstName, $.lastName)",
                "{\"firstName\": \"John\", \"lastName\": \"Doe\"}");

        assertThat(value.textValue()).isEqualTo("Welcome to John Doe's playlist {not a placeholder}.");
    }

    @Test
    void formatWritesNumbersBooleansAndNullNaturally() {
        JsonNode value = evaluate(
                "States.Format('{} {} {} {}', $.n, $.b, $.z, $.d)",
                "{\"n\": 42, \"b\": true, \"z\": null, \"d\": 1.5}");

        assertThat(value.textValue()).isEqualTo("42 true null 1.5");
    }

    @Test
    void formatWithAnObjectArgumentFailsWithStatesRuntime() {
        ExecutionResult result = run("States.Format('{}', $.o)", "{\"o\": {\"a\": 1}}");

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("States.Format");
    }

    @Test
    void formatWithATemplateFromAPathChecksThePlaceholderCountAtRunTime() {
        assertThat(evaluate("States.Format($.t, $.v)", "{\"t\": \"v={}\", \"v\": 3}")
                        .textValue())
                .isEqualTo("v=3");
        assertThat(run("States.Format($.t, $.v)", "{\"t\": \"{} {}\", \"v\": 3}")
                        .error())
                .isEqualTo("States.Runtime");
    }

    @Test
    void stringToJsonParsesAString() {
        JsonNode value = evaluate(
                "States.StringToJson($.someString)",
                "{\"someString\": \"{\\\"number\\\": 20}\", \"zebra\": \"stripe\"}");

        assertThat(value).isEqualTo(json("{\"number\": 20}"));
    }

    @Test
    void stringToJsonOfInvalidJsonFailsWithStatesRuntime() {
        assertThat(run("States.StringToJson($.s)", "{\"s\": \"{not json\"}").error())
                .isEqualTo("States.Runtime");
    }

    @Test
    void jsonToStringSerialisesCompactly() {
        JsonNode value = evaluate(
                "States.JsonToString($.someJson)",
                "{\"someJson\": {\"name\": \"Foo\", \"year\": 2020}, \"zebra\": \"stripe\"}");

        assertThat(value.textValue()).isEqualTo("{\"name\":\"Foo\",\"year\":2020}");
    }

    @Test
    void arrayCollectsItsArguments() {
        JsonNode value = evaluate(
                "States.Array('Foo', 2020, $.someJson, null)",
                "{\"someJson\": {\"random\": \"abcdefg\"}, \"zebra\": \"stripe\"}");

        assertThat(value).isEqualTo(json("[\"Foo\", 2020, {\"random\": \"abcdefg\"}, null]"));
    }

    @Test
    void mathAddAddsIntegers() {
        assertThat(evaluate("States.MathAdd($.value1, $.step)", "{\"value1\": 111, \"step\": -1}")
                        .intValue())
                .isEqualTo(110);
    }

    @Test
    void mathAddOfANonIntegerFailsWithStatesRuntime() {
        assertThat(run("States.MathAdd($.a, 1)", "{\"a\": 1.5}").error()).isEqualTo("States.Runtime");
    }

    @Test
    void arrayLengthCountsElements() {
        assertThat(evaluate("States.ArrayLength($.inputArray)", "{\"inputArray\": [1,2,3,4,5,6,7,8,9]}")
                        .intValue())
                .isEqualTo(9);
    }

    @Test
    void uuidIsAVersion4UuidFromTheRunnersRandom() {
        String first = evaluate("States.UUID()", "{}").textValue();
        String again = evaluate("States.UUID()", "{}").textValue();

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(again).as("same seed, same UUID").isEqualTo(first);
    }

    @Test
    void intrinsicsNest() {
        JsonNode value = evaluate(
                "States.Array(States.MathAdd(1, 2), States.Format('{}-{}', $$.Execution.Name, $.id), States.ArrayLength(States.Array()))",
                "{\"id\": 7}");

        assertThat(value).isEqualTo(json("[3, \"intrinsics-7\", 0]"));
    }

    @Test
    void pathArgumentsMayContainCommasAndBrackets() {
        JsonNode value = evaluate("States.Array($.a[0,1], $['b,c'])", "{\"a\": [1, 2, 3], \"b,c\": \"x\"}");

        assertThat(value).isEqualTo(json("[[1, 2], \"x\"]"));
    }

    /** Builds a JSON object literal without escaping by hand. */
    private static final class ObjectNodeBuilder {
        private final com.fasterxml.jackson.databind.node.ObjectNode node = Asl.MAPPER.createObjectNode();

        ObjectNodeBuilder put(String key, String value) {
            node.put(key, value);
            return this;
        }

        @Override
        public String toString() {
            return node.toString();
        }
    }
}
