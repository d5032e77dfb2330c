package dev.aiblog.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The IAM actions and resources of a request to a JSON-protocol service, from its
 * {@code X-Amz-Target} and body, as each service's authorization reference lists them.
 *
 * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html">DynamoDB actions and resources</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html">IAM and DynamoDB transactions</a>
 */
final class JsonRequestClassifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, Optional<String>> secretArns;
    private final Function<String, Optional<String>> taskTokenStateMachines;

    /**
     * @param secretArns a secret's full ARN from its name or (partial) ARN, where the local secrets store knows it
     * @param taskTokenStateMachines the state machine ARN a task token belongs to, where it can be read
     */
    JsonRequestClassifier(
            Function<String, Optional<String>> secretArns, Function<String, Optional<String>> taskTokenStateMachines) {
        this.secretArns = secretArns;
        this.taskTokenStateMachines = taskTokenStateMachines;
    }

    JsonRequestClassifier(Function<String, Optional<String>> secretArns) {
        this(secretArns, token -> Optional.empty());
    }

    List<ResourceAction> classify(AwsService service, AwsRequest request) throws UnclassifiableRequestException {
        String target = request.header("x-amz-target")
                .orElseThrow(() -> new UnclassifiableRequestException(
                        "a " + service.signingName() + " request needs an X-Amz-Target header naming the operation"));
        if (!target.startsWith(service.targetPrefix() + ".")) {
            throw new UnclassifiableRequestException("X-Amz-Target " + target + " is not a " + service.signingName()
                    + " operation (expected " + service.targetPrefix() + ".<Operation>)");
        }
        String operation = target.substring(service.targetPrefix().length() + 1);
        JsonNode body;
        try {
            body = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UnclassifiableRequestException("the body of " + target + " is not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new UnclassifiableRequestException("the body of " + target + " is not a JSON object");
        }
        Set<ResourceAction> actions = new LinkedHashSet<>();
        switch (service) {
            case DYNAMODB -> dynamoDb(operation, body, actions);
            case SQS -> sqs(operation, body, actions);
            case STEP_FUNCTIONS -> stepFunctions(operation, body, actions);
            case SECRETS_MANAGER -> secretsManager(operation, body, actions);
            case S3 -> throw new IllegalArgumentException("S3 is not a JSON service");
        }
        return new ArrayList<>(actions);
    }

    private static void dynamoDb(String operation, JsonNode body, Set<ResourceAction> actions)
            throws UnclassifiableRequestException {
        switch (operation) {
            case "BatchGetItem", "BatchWriteItem" -> {
                for (Map.Entry<String, JsonNode> table :
                        body.path("RequestItems").properties()) {
                    actions.add(new ResourceAction("dynamodb:" + operation, Arns.table(table.getKey())));
                }
            }
            case "TransactWriteItems" -> {
                for (JsonNode item : body.path("TransactItems")) {
                    transactItem(item, "Put", "dynamodb:PutItem", actions);
                    transactItem(item, "Update", "dynamodb:UpdateItem", actions);
                    transactItem(item, "Delete", "dynamodb:DeleteItem", actions);
                    transactItem(item, "ConditionCheck", "dynamodb:ConditionCheckItem", actions);
                }
            }
            case "TransactGetItems" -> {
                for (JsonNode item : body.path("TransactItems")) {
                    transactItem(item, "Get", "dynamodb:GetItem", actions);
                }
            }
            case "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction" ->
                throw new UnclassifiableRequestException("PartiQL (" + operation
                        + ") needs dynamodb:PartiQL* actions per statement, which the local IAM gateway does not derive;"
                        + " use the item APIs, or extend JsonRequestClassifier");
            case "ListTables", "DescribeLimits", "DescribeEndpoints", "ListBackups", "ListGlobalTables" ->
                actions.add(new ResourceAction("dynamodb:" + operation, "*"));
            default -> {
                String table = text(body, "TableName")
                        .or(() -> text(body, "ResourceArn"))
                        .orElse(null);
                if (table == null) {
                    actions.add(new ResourceAction("dynamodb:" + operation, "*"));
                } else {
                    Optional<String> index = text(body, "IndexName");
                    String arn = Arns.table(table)
                            + (index.isPresent() && (operation.equals("Query") || operation.equals("Scan"))
                                    ? "/index/" + index.get()
                                    : "");
                    actions.add(new ResourceAction("dynamodb:" + operation, arn));
                }
            }
        }
        if (actions.isEmpty()) {
            throw new UnclassifiableRequestException("DynamoDB " + operation + " names no table");
        }
    }

    private static void transactItem(JsonNode item, String kind, String action, Set<ResourceAction> actions)
            throws UnclassifiableRequestException {
        JsonNode element = item.get(kind);
        if (element != null) {
            String table = text(element, "TableName")
                    .orElseThrow(() -> new UnclassifiableRequestException(
                            "a " + kind + " in a DynamoDB transaction has no TableName"));
            actions.add(new ResourceAction(action, Arns.table(table)));
        }
    }

    private static void sqs(String operation, JsonNode body, Set<ResourceAction> actions)
            throws UnclassifiableRequestException {
        String action = "sqs:"
                + switch (operation) {
                    case "SendMessageBatch" -> "SendMessage";
                    case "DeleteMessageBatch" -> "DeleteMessage";
                    case "ChangeMessageVisibilityBatch" -> "ChangeMessageVisibility";
                    default -> operation;
                };
        Optional<String> queueUrl = text(body, "QueueUrl");
        if (queueUrl.isPresent()) {
            actions.add(new ResourceAction(action, queueArn(queueUrl.get())));
        } else if (operation.equals("GetQueueUrl") || operation.equals("CreateQueue")) {
            String name = text(body, "QueueName")
                    .orElseThrow(() -> new UnclassifiableRequestException("SQS " + operation + " has no QueueName"));
            actions.add(new ResourceAction(
                    action, Arns.queue(text(body, "QueueOwnerAWSAccountId").orElse(LocalAccount.ACCOUNT_ID), name)));
        } else {
            actions.add(new ResourceAction(action, "*"));
        }
    }

    /** {@code http://host:port/<account>/<name>} → {@code arn:aws:sqs:us-east-1:<account>:<name>}. */
    static String queueArn(String queueUrl) throws UnclassifiableRequestException {
        try {
            String path = new URI(queueUrl).getPath();
            String[] segments =
                    path == null ? new String[0] : path.replaceFirst("^/", "").split("/");
            if (segments.length == 2 && !segments[0].isEmpty() && !segments[1].isEmpty()) {
                return Arns.queue(segments[0], segments[1]);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UnclassifiableRequestException(
                "QueueUrl " + queueUrl + " is not of the form http(s)://host/<account>/<queue name>");
    }

    private void stepFunctions(String operation, JsonNode body, Set<ResourceAction> actions) {
        String action = "states:" + operation;
        String resource = switch (operation) {
            // no resource type in the Service Authorization Reference, but AWS checks a callback token against its
            // state machine (see IamGateway#taskTokenResolver)
            case "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat" ->
                text(body, "taskToken").flatMap(taskTokenStateMachines).orElse("*");
            case "ListStateMachines", "ListActivities" -> "*";
            case "CreateStateMachine" ->
                text(body, "name").map(Arns::stateMachine).orElse("*");
            default ->
                text(body, "stateMachineArn")
                        .or(() -> text(body, "executionArn"))
                        .or(() -> text(body, "resourceArn"))
                        .or(() -> text(body, "activityArn"))
                        .orElse("*");
        };
        actions.add(new ResourceAction(action, resource));
    }

    private void secretsManager(String operation, JsonNode body, Set<ResourceAction> actions) {
        String action = "secretsmanager:" + operation;
        switch (operation) {
            case "ListSecrets", "GetRandomPassword" -> actions.add(new ResourceAction(action, "*"));
            case "CreateSecret" ->
                actions.add(new ResourceAction(
                        action, text(body, "Name").map(Arns::partialSecret).orElse("*")));
            case "BatchGetSecretValue" -> {
                actions.add(new ResourceAction(action, "*"));
                for (JsonNode id : body.path("SecretIdList")) {
                    actions.add(new ResourceAction("secretsmanager:GetSecretValue", secretArn(id.asText())));
                }
            }
            default ->
                actions.add(new ResourceAction(
                        action, text(body, "SecretId").map(this::secretArn).orElse("*")));
        }
    }

    private String secretArn(String secretId) {
        return secretArns.apply(secretId).orElse(secretId.startsWith("arn:") ? secretId : Arns.partialSecret(secretId));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty()
                ? Optional.of(value.asText())
                : Optional.empty();
    }
}
