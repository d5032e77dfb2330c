package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The optimized Lambda integration, {@code arn:aws:states:::lambda:invoke} and
 * {@code arn:aws:states:::lambda:invoke.waitForTaskToken}, in front of a {@link TaskHandler} that invokes functions by
 * ARN (the one that already serves Task states whose {@code Resource} is a function ARN). Every other resource goes to
 * that handler unchanged.
 *
 * <p>The effective input holds the {@code Invoke} API's parameters: {@code FunctionName} (a name, a partial or full
 * ARN, each optionally with {@code :qualifier}; required), {@code Payload} (the event; {@code {}} when absent),
 * {@code Qualifier} and {@code InvocationType} ({@code RequestResponse}, the default, or {@code Event}). Any other
 * parameter fails the task with {@code States.Runtime}, naming it. A request-response invocation's result is shaped as
 * Step Functions shapes it, the function's output under {@code Payload}:
 *
 * <pre>{"ExecutedVersion": "$LATEST", "Payload": ..., "SdkHttpMetadata": {...}, "SdkResponseMetadata": {...},
 * "StatusCode": 200}</pre>
 *
 * A function error fails the task with the function's error name, as it does for a function ARN. {@code Event} invokes
 * the function on a virtual thread and answers {@code {"Payload": "", "StatusCode": 202}} at once; its errors are lost,
 * as with Lambda's asynchronous invocation.
 *
 * <p>With {@code .waitForTaskToken} the invocation is the same (request-response by default, as in AWS: an invocation
 * error fails the task), but the runner ignores what it returns: the task's result is what SendTaskSuccess sends.
 *
 * @see <a href="https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html">Invoke an AWS Lambda function
 *     with Step Functions</a>
 */
public final class LambdaInvokeIntegration implements TaskHandler {

    /** The request-response form of the integration. */
    public static final String RESOURCE = "arn:aws:states:::lambda:invoke";

    private static final Set<String> PARAMETERS = Set.of("FunctionName", "Payload", "Qualifier", "InvocationType");

    private static final System.Logger LOG = System.getLogger(LambdaInvokeIntegration.class.getName());

    private final TaskHandler functions;
    private final String region;
    private final String accountId;

    /**
     * @param functions invokes a function given its ARN ({@code arn:aws:lambda:<region>:<account>:function:<name>},
     *     with {@code :<qualifier>} when one was given) and the payload
     * @param region the region of a function given by name
     * @param accountId the account of a function given by name
     */
    public LambdaInvokeIntegration(TaskHandler functions, String region, String accountId) {
        this.functions = Objects.requireNonNull(functions, "functions");
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public JsonNode invoke(String resource, JsonNode input) throws TaskFailedException {
        if (!resource.equals(RESOURCE) && !resource.equals(RESOURCE + DefinitionParser.WAIT_FOR_TASK_TOKEN)) {
            return functions.invoke(resource, input);
        }
        if (input == null || !input.isObject()) {
            throw runtime("the parameters of " + resource + " must be an object with FunctionName");
        }
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PARAMETERS.contains(name)) {
                throw runtime(
                        "the parameter '" + name + "' of " + resource + " is not supported (only " + PARAMETERS + ")");
            }
        }
        JsonNode name = input.get("FunctionName");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            throw runtime("the parameter 'FunctionName' of " + resource + " is required and must be a string");
        }
        String functionArn = functionArn(name.textValue(), text(input, "Qualifier"));
        JsonNode payload = input.has("Payload") ? input.get("Payload") : Json.object();
        String invocationType = text(input, "InvocationType");
        if (invocationType == null || invocationType.equals("RequestResponse")) {
            JsonNode output = functions.invoke(functionArn, payload.deepCopy());
            ObjectNode result = Json.object();
            result.put("ExecutedVersion", "$LATEST");
            result.set("Payload", output == null ? Json.NODES.nullNode() : output);
            String requestId = UUID.randomUUID().toString();
            ObjectNode http = result.putObject("SdkHttpMetadata");
            http.putObject("HttpHeaders").put("X-Amzn-Requestid", requestId);
            http.put("HttpStatusCode", 200);
            result.putObject("SdkResponseMetadata").put("RequestId", requestId);
            result.put("StatusCode", 200);
            return result;
        }
        if (invocationType.equals("Event")) {
            JsonNode event = payload.deepCopy();
            Thread.ofVirtual().name("lambda-event-" + functionArn).start(() -> {
                try {
                    functions.invoke(functionArn, event);
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "asynchronous invocation of " + functionArn + " failed", e);
                }
            });
            ObjectNode result = Json.object();
            result.put("Payload", "");
            result.put("StatusCode", 202);
            return result;
        }
        throw runtime("InvocationType '" + invocationType + "' is not supported (RequestResponse or Event)");
    }

    /** A function's ARN from a name, a partial ARN ({@code 123456789012:function:name}) or a full ARN. */
    private String functionArn(String functionName, String qualifier) throws TaskFailedException {
        String arn;
        if (functionName.startsWith("arn:")) {
            arn = functionName;
        } else if (functionName.contains(":function:")) {
            arn = "arn:aws:lambda:" + region + ":" + functionName;
        } else {
            arn = "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
        }
        if (qualifier != null) {
            if (arn.split(":", -1).length > 7) {
                throw runtime("FunctionName " + functionName + " already has a qualifier; Qualifier " + qualifier
                        + " conflicts with it");
            }
            arn = arn + ":" + qualifier;
        }
        return arn;
    }

    private static String text(JsonNode input, String field) throws TaskFailedException {
        JsonNode value = input.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw runtime("the parameter '" + field + "' must be a string");
        }
        return value.textValue();
    }

    private static TaskFailedException runtime(String cause) {
        return new TaskFailedException(ErrorNames.RUNTIME, cause);
    }
}
