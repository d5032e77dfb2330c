package dev.aiblog.local.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SAM policy templates the local stack can expand, each exactly as samtranslator's
 * {@code policy_templates.json} defines it (a test compares the two when samtranslator is installed).
 *
 * @see <a href="https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html">SAM policy template list</a>
 */
public final class SamPolicyTemplates {

    /** One template: its parameters and its statements, with {@code ${Param}} and {@code ${AWS::...}} placeholders. */
    record Template(String name, List<String> parameters, List<String> actions, List<String> resources) {}

    private static final String TABLE =
            "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}";
    private static final String BUCKET = "arn:${AWS::Partition}:s3:::${BucketName}";
    private static final String QUEUE = "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${QueueName}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");

    private static final Map<String, Template> TEMPLATES = new LinkedHashMap<>();

    static {
        add(
                "DynamoDBCrudPolicy",
                List.of("TableName"),
                List.of(
                        "dynamodb:GetItem",
                        "dynamodb:DeleteItem",
                        "dynamodb:PutItem",
                        "dynamodb:Scan",
                        "dynamodb:Query",
                        "dynamodb:UpdateItem",
                        "dynamodb:BatchWriteItem",
                        "dynamodb:BatchGetItem",
                        "dynamodb:DescribeTable",
                        "dynamodb:ConditionCheckItem"),
                List.of(TABLE, TABLE + "/index/*"));
        add(
                "DynamoDBReadPolicy",
                List.of("TableName"),
                List.of(
                        "dynamodb:GetItem",
                        "dynamodb:Scan",
                        "dynamodb:Query",
                        "dynamodb:BatchGetItem",
                        "dynamodb:DescribeTable"),
                List.of(TABLE, TABLE + "/index/*"));
        add(
                "DynamoDBWritePolicy",
                List.of("TableName"),
                List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"),
                List.of(TABLE, TABLE + "/index/*"));
        add(
                "S3ReadPolicy",
                List.of("BucketName"),
                List.of(
                        "s3:GetObject",
                        "s3:ListBucket",
                        "s3:GetBucketLocation",
                        "s3:GetObjectVersion",
                        "s3:GetLifecycleConfiguration"),
                List.of(BUCKET, BUCKET + "/*"));
        add(
                "S3WritePolicy",
                List.of("BucketName"),
                List.of("s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration"),
                List.of(BUCKET, BUCKET + "/*"));
        add(
                "S3CrudPolicy",
                List.of("BucketName"),
                List.of(
                        "s3:GetObject",
                        "s3:ListBucket",
                        "s3:GetBucketLocation",
                        "s3:GetObjectVersion",
                        "s3:PutObject",
                        "s3:PutObjectAcl",
                        "s3:GetLifecycleConfiguration",
                        "s3:PutLifecycleConfiguration",
                        "s3:DeleteObject"),
                List.of(BUCKET, BUCKET + "/*"));
        add("SQSSendMessagePolicy", List.of("QueueName"), List.of("sqs:SendMessage*"), List.of(QUEUE));
        add(
                "SQSPollerPolicy",
                List.of("QueueName"),
                List.of(
                        "sqs:ChangeMessageVisibility",
                        "sqs:ChangeMessageVisibilityBatch",
                        "sqs:DeleteMessage",
                        "sqs:DeleteMessageBatch",
                        "sqs:GetQueueAttributes",
                        "sqs:ReceiveMessage"),
                List.of(QUEUE));
        add(
                "StepFunctionsExecutionPolicy",
                List.of("StateMachineName"),
                List.of("states:StartExecution"),
                List.of(
                        "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${StateMachineName}"));
        add(
                "StepFunctionsCallbackPolicy",
                List.of("StateMachineName"),
                List.of("states:SendTaskFailure", "states:SendTaskHeartbeat", "states:SendTaskSuccess"),
                List.of(
                        "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${StateMachineName}"));
        add(
                "LambdaInvokePolicy",
                List.of("FunctionName"),
                List.of("lambda:InvokeFunction"),
                List.of("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}*"));
        add(
                "AWSSecretsManagerGetSecretValuePolicy",
                List.of("SecretArn"),
                List.of("secretsmanager:GetSecretValue"),
                List.of("${SecretArn}"));
        add("CloudWatchPutMetricPolicy", List.of(), List.of("cloudwatch:PutMetricData"), List.of("*"));
        add(
                "SNSPublishMessagePolicy",
                List.of("TopicName"),
                List.of("sns:Publish"),
                List.of("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}"));
    }

    private SamPolicyTemplates() {}

    private static void add(String name, List<String> parameters, List<String> actions, List<String> resources) {
        TEMPLATES.put(name, new Template(name, List.copyOf(parameters), List.copyOf(actions), List.copyOf(resources)));
    }

    /** The names of the templates this class expands. */
    public static Set<String> names() {
        return new TreeSet<>(TEMPLATES.keySet());
    }

    /** The parameters a template takes, e.g. {@code [TableName]}. */
    public static List<String> parameters(String templateName) {
        return find(templateName).orElseThrow(() -> unknown(templateName)).parameters();
    }

    static Optional<Template> find(String name) {
        return Optional.ofNullable(TEMPLATES.get(name));
    }

    /**
     * The template's statement with the parameters (already resolved to strings) and the local
     * partition, region and account substituted.
     *
     * @throws PolicyException for an unknown template, a missing or an unexpected parameter
     */
    public static Policy expand(String templateName, Map<String, String> parameterValues) {
        Template template = find(templateName).orElseThrow(() -> unknown(templateName));
        for (String parameter : template.parameters()) {
            if (!parameterValues.containsKey(parameter)) {
                throw new PolicyException("the SAM policy template " + templateName + " needs the parameter "
                        + parameter + " (it takes " + template.parameters() + ")");
            }
        }
        for (String given : parameterValues.keySet()) {
            if (!template.parameters().contains(given)) {
                throw new PolicyException("the SAM policy template " + templateName + " has no parameter " + given
                        + " (it takes " + template.parameters() + ")");
            }
        }
        Map<String, String> values = new LinkedHashMap<>(parameterValues);
        values.put("AWS::Partition", LocalAccount.PARTITION);
        values.put("AWS::Region", LocalAccount.REGION);
        values.put("AWS::AccountId", LocalAccount.ACCOUNT_ID);
        List<String> resources = new ArrayList<>();
        for (String resource : template.resources()) {
            resources.add(substitute(resource, values));
        }
        String origin = templateName + (parameterValues.isEmpty() ? "" : parameterValues.toString());
        return Policy.of(Statement.allow(origin, template.actions(), resources));
    }

    private static String substitute(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for ${" + matcher.group(1) + "} in " + text);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static PolicyException unknown(String name) {
        return new PolicyException("unknown SAM policy template " + name + "; the local IAM expands " + names()
                + " (add it to SamPolicyTemplates from samtranslator's policy_templates.json)");
    }
}
