package dev.aiblog.local.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The AWS managed policies SAM attaches to the roles it creates, or that template.yaml names, with
 * their default version's statements (from the AWS managed policy reference).
 *
 * @see <a href="https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html">AWS managed policy reference</a>
 */
public final class ManagedPolicies {

    /** SAM attaches this to every function role it creates. */
    public static final String LAMBDA_BASIC_EXECUTION = "AWSLambdaBasicExecutionRole";
    /** SAM attaches this to a function with {@code Tracing: Active}, or a state machine with tracing enabled. */
    public static final String XRAY_WRITE_ONLY = "AWSXrayWriteOnlyAccess";
    /** SAM attaches this to a function with an SQS event source. */
    public static final String LAMBDA_SQS_QUEUE_EXECUTION = "AWSLambdaSQSQueueExecutionRole";

    public static final String CLOUDWATCH_LOGS_FULL_ACCESS = "CloudWatchLogsFullAccess";

    private record Managed(String arn, List<String> actions) {}

    private static final Map<String, Managed> POLICIES = new LinkedHashMap<>();

    static {
        // v1 (2015-04-09)
        POLICIES.put(
                LAMBDA_BASIC_EXECUTION,
                new Managed(
                        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                        List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents")));
        // v2 (2018-08-28)
        POLICIES.put(
                XRAY_WRITE_ONLY,
                new Managed(
                        "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
                        List.of(
                                "xray:PutTraceSegments",
                                "xray:PutTelemetryRecords",
                                "xray:GetSamplingRules",
                                "xray:GetSamplingTargets",
                                "xray:GetSamplingStatisticSummaries")));
        // v1 (2018-06-14)
        POLICIES.put(
                LAMBDA_SQS_QUEUE_EXECUTION,
                new Managed(
                        "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
                        List.of(
                                "sqs:ReceiveMessage",
                                "sqs:DeleteMessage",
                                "sqs:GetQueueAttributes",
                                "logs:CreateLogGroup",
                                "logs:CreateLogStream",
                                "logs:PutLogEvents")));
        // v3 (2025-05-20)
        POLICIES.put(
                CLOUDWATCH_LOGS_FULL_ACCESS,
                new Managed(
                        "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess",
                        List.of("logs:*", "cloudwatch:GenerateQuery", "cloudwatch:GenerateQueryResultsSummary")));
    }

    private ManagedPolicies() {}

    /** The names this class knows. */
    public static Set<String> names() {
        return new TreeSet<>(POLICIES.keySet());
    }

    /** Whether the name or ARN is one of the managed policies this class knows. */
    public static boolean isKnown(String nameOrArn) {
        return lookup(nameOrArn).isPresent();
    }

    /**
     * The managed policy by name ({@code AWSLambdaBasicExecutionRole}) or ARN
     * ({@code arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole}).
     *
     * @throws PolicyException if it is not one this class knows
     */
    public static Policy named(String nameOrArn) {
        Map.Entry<String, Managed> entry = lookup(nameOrArn)
                .orElseThrow(() -> new PolicyException("unknown managed policy " + nameOrArn + "; the local IAM knows "
                        + names() + " (add its statements to ManagedPolicies from the AWS managed policy reference)"));
        return Policy.of(Statement.allow(entry.getKey(), entry.getValue().actions(), List.of("*")));
    }

    private static Optional<Map.Entry<String, Managed>> lookup(String nameOrArn) {
        for (Map.Entry<String, Managed> entry : POLICIES.entrySet()) {
            if (entry.getKey().equals(nameOrArn) || entry.getValue().arn().equals(nameOrArn)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
