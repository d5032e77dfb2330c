package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LambdaInvokeIntegrationTest {

    private final List<String> invoked = new CopyOnWriteArrayList<>();
    private final TaskHandler integration = new LambdaInvokeIntegration(
            (arn, payload) -> {
                invoked.add(arn + " " + payload);
                if (payload.has("fail")) {
                    throw new TaskFailedException("Review.Broken", "as asked");
                }
                return json("{\"echo\": " + payload + "}");
            },
            "eu-west-1",
            "000000000000");

    private ExecutionResult run(String parameters, String extra) {
        return Asl.run(
                Asl.single("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Parameters\": "
                        + parameters + extra + ", \"End\": true}"),
                integration,
                "{\"draft\": \"d-1\"}");
    }

    @Test
    void requestResponse_wrapsTheFunctionsOutputAsStepFunctionsDoes() {
        ExecutionResult result = run("{\"FunctionName\": \"Review\", \"Payload\": {\"draft.$\": \"$.draft\"}}", "");

        assertThat(invoked)
                .containsExactly("arn:aws:lambda:eu-west-1:000000000000:function:Review {\"draft\":\"d-1\"}");
        assertThat(result.output().path("Payload")).isEqualTo(json("{\"echo\": {\"draft\": \"d-1\"}}"));
        assertThat(result.output().path("StatusCode").asInt()).isEqualTo(200);
        assertThat(result.output().path("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(result.output().path("SdkResponseMetadata").path("RequestId").asText())
                .isNotBlank();
    }

    @Test
    void functionNames_partialAndFullArns_andQualifiers() {
        run("{\"FunctionName\": \"arn:aws:lambda:us-east-1:1:function:F:live\"}", "");
        run("{\"FunctionName\": \"000000000000:function:G\", \"Qualifier\": \"live\"}", "");

        assertThat(invoked)
                .containsExactly(
                        "arn:aws:lambda:us-east-1:1:function:F:live {}",
                        "arn:aws:lambda:eu-west-1:000000000000:function:G:live {}");
    }

    @Test
    void aFunctionError_failsTheTaskWithItsName_andAnUnknownParameterIsARuntimeError() {
        ExecutionResult failed = run("{\"FunctionName\": \"Review\", \"Payload\": {\"fail\": true}}", "");
        ExecutionResult unknown = run("{\"FunctionName\": \"Review\", \"LogType\": \"Tail\"}", "");

        assertThat(failed.error()).isEqualTo("Review.Broken");
        assertThat(unknown.error()).isEqualTo("States.Runtime");
        assertThat(unknown.cause()).contains("'LogType'");
    }

    @Test
    void otherResources_goToTheFunctionHandlerUnchanged() throws Exception {
        JsonNode out = integration.invoke("arn:aws:lambda:us-east-1:1:function:F", json("{\"a\": 1}"));

        assertThat(out).isEqualTo(json("{\"echo\": {\"a\": 1}}"));
        assertThat(invoked).containsExactly("arn:aws:lambda:us-east-1:1:function:F {\"a\":1}");
    }
}
