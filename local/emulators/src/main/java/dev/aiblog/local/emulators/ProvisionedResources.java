package dev.aiblog.local.emulators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link TemplateResources#provision} created (or found): for each logical id of the
 * template, the local physical name or URL, as {@code !Ref} and {@code !GetAtt X.Arn} would give
 * them in a deployed stack.
 */
public final class ProvisionedResources {

    /** The stack name {@code AWS::StackName} resolves to locally. */
    public static final String LOCAL_STACK_NAME = "aiblog-local";

    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
            "AWS::Region",
            LocalAwsClients.REGION.id(),
            "AWS::AccountId",
            ElasticMqServer.ACCOUNT_ID,
            "AWS::Partition",
            "aws",
            "AWS::URLSuffix",
            "amazonaws.com",
            "AWS::StackName",
            LOCAL_STACK_NAME,
            "AWS::StackId",
            "arn:aws:cloudformation:" + LocalAwsClients.REGION.id() + ":" + ElasticMqServer.ACCOUNT_ID + ":stack/"
                    + LOCAL_STACK_NAME + "/local");

    private final Map<String, String> tables;
    private final Map<String, String> queueUrls;
    private final Map<String, String> buckets;
    private final Map<String, String> arns;
    private final Map<String, String> parameterDefaults;

    ProvisionedResources(
            Map<String, String> tables,
            Map<String, String> queueUrls,
            Map<String, String> buckets,
            Map<String, String> arns,
            Map<String, String> parameterDefaults) {
        this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        this.queueUrls = Collections.unmodifiableMap(new LinkedHashMap<>(queueUrls));
        this.buckets = Collections.unmodifiableMap(new LinkedHashMap<>(buckets));
        this.arns = Collections.unmodifiableMap(new LinkedHashMap<>(arns));
        this.parameterDefaults = Map.copyOf(parameterDefaults);
    }

    /** Logical id → table name. */
    public Map<String, String> tables() {
        return tables;
    }

    /** Logical id → queue URL, as the emulator returned it. */
    public Map<String, String> queueUrls() {
        return queueUrls;
    }

    /** Logical id → bucket name. */
    public Map<String, String> buckets() {
        return buckets;
    }

    /** Logical id → ARN, what {@code !GetAtt X.Arn} resolves to, for every provisioned resource. */
    public Map<String, String> arns() {
        return arns;
    }

    public String tableName(String logicalId) {
        return require(tables, logicalId, "table");
    }

    public String queueUrl(String logicalId) {
        return require(queueUrls, logicalId, "queue");
    }

    public String bucketName(String logicalId) {
        return require(buckets, logicalId, "bucket");
    }

    public String arn(String logicalId) {
        return require(arns, logicalId, "resource");
    }

    /**
     * Logical id → what {@code !Ref} resolves to for every provisioned resource: the table name,
     * the queue URL, the bucket name. With it the local runtime fills a function's
     * {@code Environment.Variables} ({@code BLOGS_TABLE: !Ref BlogsTable}) from the template.
     */
    public Map<String, String> environment() {
        Map<String, String> refs = new LinkedHashMap<>();
        refs.putAll(tables);
        refs.putAll(queueUrls);
        refs.putAll(buckets);
        return Collections.unmodifiableMap(refs);
    }

    /**
     * What {@code !Ref name} resolves to locally: a provisioned resource, else a template
     * parameter's default, else a pseudo parameter ({@code AWS::Region} is us-east-1,
     * {@code AWS::AccountId} 000000000000). Empty for anything else (a function, an unknown name).
     */
    public Optional<String> ref(String name) {
        String resource = environment().get(name);
        if (resource != null) {
            return Optional.of(resource);
        }
        String parameter = parameterDefaults.get(name);
        if (parameter != null) {
            return Optional.of(parameter);
        }
        return pseudoParameter(name);
    }

    static Optional<String> pseudoParameter(String name) {
        return Optional.ofNullable(PSEUDO_PARAMETERS.get(name));
    }

    private static String require(Map<String, String> map, String logicalId, String kind) {
        String value = map.get(logicalId);
        if (value == null) {
            throw new IllegalArgumentException(
                    "no " + kind + " with logical id " + logicalId + " was provisioned (known: " + map.keySet() + ")");
        }
        return value;
    }

    @Override
    public String toString() {
        return "ProvisionedResources" + environment();
    }
}
