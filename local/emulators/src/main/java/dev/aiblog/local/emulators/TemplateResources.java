package dev.aiblog.local.emulators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The storage that a CloudFormation / SAM template declares ({@code AWS::DynamoDB::Table},
 * {@code AWS::SQS::Queue}, {@code AWS::S3::Bucket}), read so it can be created on the emulators
 * exactly as declared: keys, indexes, TTL, billing mode, visibility timeout, redrive policy to
 * the dead-letter queue, and so on.
 *
 * <p>Local names: a table and a queue are named after their logical id ({@code RequestsTable};
 * a FIFO queue gets {@code .fifo}); a bucket gets the lower-case, dash-separated form of its
 * logical id ({@code ContentBucket} becomes {@code content-bucket}). Code never needs these
 * names: {@link ProvisionedResources#environment()} gives what each {@code !Ref} resolves to.
 *
 * <p>A property that changes nothing a function can observe on one machine (point-in-time
 * recovery, encryption, public access block, lifecycle rules, tags, explicit names) is ignored.
 * Any other property that cannot be honoured, a malformed property, an intrinsic function that
 * cannot be resolved locally, or a conditional resource makes {@link #parse} throw a
 * {@link TemplateException} naming the resource and property, so local and deployed resources
 * cannot drift silently.
 */
public final class TemplateResources {

    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    public static final String QUEUE_TYPE = "AWS::SQS::Queue";
    public static final String BUCKET_TYPE = "AWS::S3::Bucket";

    private static final Logger LOG = LoggerFactory.getLogger(TemplateResources.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> TABLE_HONOURED = Set.of(
            "AttributeDefinitions",
            "KeySchema",
            "BillingMode",
            "ProvisionedThroughput",
            "GlobalSecondaryIndexes",
            "LocalSecondaryIndexes",
            "TimeToLiveSpecification",
            "StreamSpecification");
    private static final Set<String> TABLE_IGNORED = Set.of(
            "TableName",
            "PointInTimeRecoverySpecification",
            "SSESpecification",
            "Tags",
            "DeletionProtectionEnabled",
            "ContributorInsightsSpecification",
            "TableClass",
            "ResourcePolicy",
            "WarmThroughput",
            "OnDemandThroughput",
            "KinesisStreamSpecification");
    private static final Set<String> GSI_HONOURED =
            Set.of("IndexName", "KeySchema", "Projection", "ProvisionedThroughput");
    private static final Set<String> GSI_IGNORED =
            Set.of("ContributorInsightsSpecification", "OnDemandThroughput", "WarmThroughput");
    private static final Set<String> LSI_HONOURED = Set.of("IndexName", "KeySchema", "Projection");
    private static final Set<String> QUEUE_HONOURED = Set.of(
            "VisibilityTimeout",
            "MessageRetentionPeriod",
            "DelaySeconds",
            "MaximumMessageSize",
            "ReceiveMessageWaitTimeSeconds",
            "RedrivePolicy",
            "FifoQueue",
            "ContentBasedDeduplication");
    private static final Set<String> QUEUE_IGNORED = Set.of(
            "QueueName",
            "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds",
            "SqsManagedSseEnabled",
            "Tags",
            "RedriveAllowPolicy",
            "DeduplicationScope",
            "FifoThroughputLimit");
    private static final Set<String> BUCKET_HONOURED = Set.of("VersioningConfiguration");
    private static final Set<String> BUCKET_IGNORED = Set.of(
            "BucketName",
            "PublicAccessBlockConfiguration",
            "BucketEncryption",
            "LifecycleConfiguration",
            "Tags",
            "OwnershipControls",
            "AccessControl",
            "CorsConfiguration",
            "LoggingConfiguration",
            "MetricsConfigurations",
            "AnalyticsConfigurations",
            "InventoryConfigurations",
            "IntelligentTieringConfigurations",
            "AccelerateConfiguration",
            "ReplicationConfiguration");
    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of(
            "Type",
            "Properties",
            "DependsOn",
            "DeletionPolicy",
            "UpdateReplacePolicy",
            "Metadata",
            "CreationPolicy",
            "UpdatePolicy",
            "Condition");

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    /** A table to create: the request as CloudFormation would send it, and TTL to switch on after. */
    public record TableSpec(
            String logicalId, CreateTableRequest createTableRequest, Optional<String> timeToLiveAttribute) {
        public String tableName() {
            return createTableRequest.tableName();
        }
    }

    /** A queue to create with these attributes; the redrive policy is added once its DLQ exists. */
    public record QueueSpec(
            String logicalId,
            String queueName,
            Map<QueueAttributeName, String> attributes,
            Optional<Redrive> redrive) {}

    /** Messages received more than {@code maxReceiveCount} times move to the queue {@code deadLetterQueueLogicalId}. */
    public record Redrive(String deadLetterQueueLogicalId, int maxReceiveCount) {}

    /** A bucket to create; {@code versioned} when {@code VersioningConfiguration.Status} is {@code Enabled}. */
    public record BucketSpec(String logicalId, String bucketName, boolean versioned) {}

    private final String source;
    private final Map<String, String> parameterDefaults;
    private final List<TableSpec> tables;
    private final List<QueueSpec> queues;
    private final List<BucketSpec> buckets;

    private TemplateResources(
            String source,
            Map<String, String> parameterDefaults,
            List<TableSpec> tables,
            List<QueueSpec> queues,
            List<BucketSpec> buckets) {
        this.source = source;
        this.parameterDefaults = Collections.unmodifiableMap(parameterDefaults);
        this.tables = List.copyOf(tables);
        this.queues = List.copyOf(queues);
        this.buckets = List.copyOf(buckets);
    }

    /** Reads a template file (YAML or JSON). */
    public static TemplateResources load(Path template) {
        try {
            return parse(Files.readString(template, StandardCharsets.UTF_8), template.toString());
        } catch (IOException e) {
            throw new TemplateException("cannot read the template " + template + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a template from text.
     *
     * @param source how messages name the template, e.g. its path
     */
    public static TemplateResources parse(String template, String source) {
        return of(CloudFormationYaml.read(template, source), source);
    }

    /** Reads a template already parsed (by {@link dev.aiblog.local.sam.SamTemplate}, so the file is read once). */
    public static TemplateResources of(JsonNode root, String source) {
        if (!root.isObject()) {
            throw new TemplateException(source + ": a template is a mapping with a Resources section");
        }
        return new Reader(source, (ObjectNode) root).read();
    }

    /** Where the template came from. */
    public String source() {
        return source;
    }

    /** Each template parameter that has a {@code Default}, as text. */
    public Map<String, String> parameterDefaults() {
        return parameterDefaults;
    }

    public List<TableSpec> tables() {
        return tables;
    }

    /** In creation order: a dead-letter queue comes before the queues that redrive to it. */
    public List<QueueSpec> queues() {
        return queues;
    }

    public List<BucketSpec> buckets() {
        return buckets;
    }

    /** {@link #provision(DynamoDbClient, SqsClient, S3Client)} with the three clients of {@code clients}. */
    public ProvisionedResources provision(LocalAwsClients clients) {
        return provision(clients.dynamoDb(), clients.sqs(), clients.s3());
    }

    /**
     * Creates every table, queue and bucket that does not exist yet; existing ones are left as they
     * are (their data too), so provisioning a persistent data folder again is harmless.
     */
    public ProvisionedResources provision(DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3) {
        Map<String, String> tableNames = new LinkedHashMap<>();
        Map<String, String> queueUrls = new LinkedHashMap<>();
        Map<String, String> bucketNames = new LinkedHashMap<>();
        Map<String, String> arns = new LinkedHashMap<>();

        Set<String> existingTables = new HashSet<>();
        dynamoDb.listTablesPaginator().tableNames().forEach(existingTables::add);
        for (TableSpec table : tables) {
            if (!existingTables.contains(table.tableName())) {
                createTable(dynamoDb, table);
            } else {
                addMissingIndexes(dynamoDb, table);
            }
            tableNames.put(table.logicalId(), table.tableName());
            dynamoDb.describeTable(b -> b.tableName(table.tableName()));
            // DynamoDB Local names its region "ddblocal" in ARNs; IAM and the functions see the stack's region
            arns.put(
                    table.logicalId(),
                    "arn:aws:dynamodb:" + LocalAwsClients.REGION.id() + ":" + ElasticMqServer.ACCOUNT_ID + ":table/"
                            + table.tableName());
        }

        for (QueueSpec queue : queues) {
            String url;
            try {
                url = sqs.getQueueUrl(b -> b.queueName(queue.queueName())).queueUrl();
            } catch (QueueDoesNotExistException missing) {
                Map<QueueAttributeName, String> attributes = new LinkedHashMap<>(queue.attributes());
                queue.redrive()
                        .ifPresent(redrive -> attributes.put(
                                QueueAttributeName.REDRIVE_POLICY,
                                redrivePolicy(
                                        arns.get(redrive.deadLetterQueueLogicalId()), redrive.maxReceiveCount())));
                url = sqs.createQueue(b -> b.queueName(queue.queueName()).attributes(attributes))
                        .queueUrl();
                LOG.debug("created queue {} at {}", queue.queueName(), url);
            }
            String queueUrl = url;
            queueUrls.put(queue.logicalId(), queueUrl);
            arns.put(
                    queue.logicalId(),
                    sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                            .attributes()
                            .get(QueueAttributeName.QUEUE_ARN));
        }

        for (BucketSpec bucket : buckets) {
            if (!bucketExists(s3, bucket.bucketName())) {
                s3.createBucket(b -> b.bucket(bucket.bucketName()));
                if (bucket.versioned()) {
                    s3.putBucketVersioning(b -> b.bucket(bucket.bucketName())
                            .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
                }
                LOG.debug("created bucket {}", bucket.bucketName());
            }
            bucketNames.put(bucket.logicalId(), bucket.bucketName());
            arns.put(bucket.logicalId(), "arn:aws:s3:::" + bucket.bucketName());
        }
        return new ProvisionedResources(tableNames, queueUrls, bucketNames, arns, parameterDefaults);
    }

    private static void createTable(DynamoDbClient dynamoDb, TableSpec table) {
        try {
            dynamoDb.createTable(table.createTableRequest());
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table.tableName()));
        table.timeToLiveAttribute()
                .ifPresent(attribute -> dynamoDb.updateTimeToLive(b -> b.tableName(table.tableName())
                        .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true))));
        LOG.debug("created table {}", table.tableName());
    }

    /**
     * A table kept from an earlier run gets the global secondary indexes the template has added since, as a stack
     * update would give it (one index per UpdateTable call, as DynamoDB requires).
     */
    private static void addMissingIndexes(DynamoDbClient dynamoDb, TableSpec table) {
        CreateTableRequest wanted = table.createTableRequest();
        if (!wanted.hasGlobalSecondaryIndexes()) {
            return;
        }
        var existing =
                dynamoDb.describeTable(b -> b.tableName(table.tableName())).table();
        Set<String> present = new HashSet<>();
        existing.globalSecondaryIndexes().forEach(index -> present.add(index.indexName()));
        for (GlobalSecondaryIndex index : wanted.globalSecondaryIndexes()) {
            if (present.contains(index.indexName())) {
                continue;
            }
            Set<String> keyNames = new HashSet<>();
            index.keySchema().forEach(key -> keyNames.add(key.attributeName()));
            dynamoDb.updateTable(b -> b.tableName(table.tableName())
                    .attributeDefinitions(wanted.attributeDefinitions().stream()
                            .filter(definition -> keyNames.contains(definition.attributeName()))
                            .toList())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                            .keySchema(index.keySchema())
                            .projection(index.projection())
                            .provisionedThroughput(index.provisionedThroughput()))));
            awaitActive(dynamoDb, table.tableName(), index.indexName());
            LOG.info(
                    "added index {} to table {} (the template declares it; this data folder predates it)",
                    index.indexName(),
                    table.tableName());
        }
    }

    /** DynamoDB builds one index at a time per table: the next UpdateTable waits until this one is ACTIVE. */
    private static void awaitActive(DynamoDbClient dynamoDb, String tableName, String indexName) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            boolean active =
                    dynamoDb.describeTable(b -> b.tableName(tableName)).table().globalSecondaryIndexes().stream()
                            .anyMatch(i -> i.indexName().equals(indexName)
                                    && i.indexStatus()
                                            == software.amazon.awssdk.services.dynamodb.model.IndexStatus.ACTIVE);
            if (active) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "index " + indexName + " of table " + tableName + " did not become ACTIVE within 60 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while index " + indexName + " was being built", e);
            }
        }
    }

    private static boolean bucketExists(S3Client s3, String bucket) {
        // ListBuckets rather than HeadBucket: local-s3 logs a missing bucket as an error
        return s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket));
    }

    private static String redrivePolicy(String deadLetterArn, int maxReceiveCount) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("deadLetterTargetArn", Objects.requireNonNull(deadLetterArn, "dead-letter queue ARN"));
        policy.put("maxReceiveCount", maxReceiveCount);
        return policy.toString();
    }

    /** The lower-case, dash-separated form of a logical id: {@code ContentBucket} → {@code content-bucket}. */
    static String kebabCase(String logicalId) {
        String dashed = logicalId.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2");
        return dashed.toLowerCase(Locale.ROOT);
    }

    /** One pass over a parsed template. */
    private static final class Reader {

        private final String source;
        private final ObjectNode root;
        private final Map<String, JsonNode> parameters = new LinkedHashMap<>();
        private final Map<String, String> parameterDefaults = new LinkedHashMap<>();
        private final Map<String, String> resourceTypes = new LinkedHashMap<>();

        Reader(String source, ObjectNode root) {
            this.source = source;
            this.root = root;
        }

        TemplateResources read() {
            JsonNode params = root.path("Parameters");
            if (!params.isMissingNode() && !params.isNull()) {
                if (!params.isObject()) {
                    throw fail("Parameters", "must be a mapping");
                }
                params.properties().forEach(entry -> {
                    parameters.put(entry.getKey(), entry.getValue());
                    JsonNode value = entry.getValue().path("Default");
                    if (value.isValueNode() && !value.isNull()) {
                        parameterDefaults.put(entry.getKey(), value.asText());
                    } else if (value.isArray()) {
                        List<String> items = new ArrayList<>();
                        value.forEach(item -> items.add(item.asText()));
                        parameterDefaults.put(entry.getKey(), String.join(",", items));
                    }
                });
            }
            JsonNode resources = root.path("Resources");
            if (!resources.isObject() || resources.isEmpty()) {
                throw new TemplateException(source + ": no Resources section");
            }
            resources.properties().forEach(entry -> {
                JsonNode type = entry.getValue().path("Type");
                if (!type.isTextual()) {
                    throw fail("Resources." + entry.getKey() + ".Type", "must be a resource type name");
                }
                resourceTypes.put(entry.getKey(), type.asText());
            });

            List<TableSpec> tables = new ArrayList<>();
            Map<String, QueueSpec> queues = new LinkedHashMap<>();
            List<BucketSpec> buckets = new ArrayList<>();
            resources.properties().forEach(entry -> {
                String id = entry.getKey();
                JsonNode resource = entry.getValue();
                String type = resourceTypes.get(id);
                switch (type) {
                    case TABLE_TYPE -> tables.add(table(id, properties(id, resource, true)));
                    case QUEUE_TYPE -> queues.put(id, queue(id, properties(id, resource, false)));
                    case BUCKET_TYPE -> buckets.add(bucket(id, properties(id, resource, false)));
                    case "AWS::Serverless::SimpleTable" ->
                        throw fail(
                                "Resources." + id + ".Type",
                                "AWS::Serverless::SimpleTable is not created locally; declare an AWS::DynamoDB::Table");
                    default -> {
                        // functions, state machines, log groups, ...: the local runtime's business
                    }
                }
            });
            return new TemplateResources(source, parameterDefaults, tables, creationOrder(queues), buckets);
        }

        private ObjectNode properties(String id, JsonNode resource, boolean required) {
            String path = "Resources." + id;
            resource.properties().forEach(attribute -> {
                if (!RESOURCE_ATTRIBUTES.contains(attribute.getKey())) {
                    throw fail(path + "." + attribute.getKey(), "is not a resource attribute");
                }
            });
            if (resource.has("Condition")) {
                throw fail(
                        path + ".Condition",
                        "conditional resources are not supported locally; "
                                + "the emulators would create it whatever the condition says");
            }
            JsonNode properties = resource.path("Properties");
            if (properties.isMissingNode() || properties.isNull()) {
                if (required) {
                    throw fail(path + ".Properties", "is required");
                }
                return JSON.createObjectNode();
            }
            if (!properties.isObject()) {
                throw fail(path + ".Properties", "must be a mapping");
            }
            return (ObjectNode) properties;
        }

        // ------------------------------------------------------------------ tables

        private TableSpec table(String id, ObjectNode props) {
            String path = "Resources." + id + ".Properties";
            checkProperties(props, path, TABLE_HONOURED, TABLE_IGNORED);
            if (!TABLE_NAME.matcher(id).matches()) {
                throw fail(
                        "Resources." + id,
                        "the logical id is the local table name and must be 3-255 characters of [A-Za-z0-9_.-]");
            }

            Map<String, ScalarAttributeType> defined = new LinkedHashMap<>();
            List<AttributeDefinition> attributes = new ArrayList<>();
            List<JsonNode> definitions = list(props, "AttributeDefinitions", path, true);
            for (int i = 0; i < definitions.size(); i++) {
                String at = path + ".AttributeDefinitions[" + i + "]";
                ObjectNode definition = object(definitions.get(i), at);
                checkProperties(definition, at, Set.of("AttributeName", "AttributeType"), Set.of());
                String name = requiredString(definition, "AttributeName", at);
                String type = requiredString(definition, "AttributeType", at);
                ScalarAttributeType scalar = ScalarAttributeType.fromValue(type);
                if (scalar == ScalarAttributeType.UNKNOWN_TO_SDK_VERSION) {
                    throw fail(at + ".AttributeType", "must be S, N or B, not " + type);
                }
                if (defined.put(name, scalar) != null) {
                    throw fail(at + ".AttributeName", name + " is defined twice");
                }
                attributes.add(AttributeDefinition.builder()
                        .attributeName(name)
                        .attributeType(scalar)
                        .build());
            }
            Set<String> used = new HashSet<>();
            List<KeySchemaElement> key = keySchema(props.get("KeySchema"), path + ".KeySchema", defined, used);

            String billing = optionalString(props, "BillingMode", path).orElse("PROVISIONED");
            if (!billing.equals("PAY_PER_REQUEST") && !billing.equals("PROVISIONED")) {
                throw fail(path + ".BillingMode", "must be PAY_PER_REQUEST or PROVISIONED, not " + billing);
            }
            boolean provisioned = billing.equals("PROVISIONED");
            Optional<ProvisionedThroughput> throughput = throughput(props, path, provisioned);

            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(id)
                    .attributeDefinitions(attributes)
                    .keySchema(key)
                    .billingMode(BillingMode.fromValue(billing));
            throughput.ifPresent(request::provisionedThroughput);

            List<JsonNode> gsis = list(props, "GlobalSecondaryIndexes", path, false);
            List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
            for (int i = 0; i < gsis.size(); i++) {
                String at = path + ".GlobalSecondaryIndexes[" + i + "]";
                ObjectNode gsi = object(gsis.get(i), at);
                checkProperties(gsi, at, GSI_HONOURED, GSI_IGNORED);
                GlobalSecondaryIndex.Builder index = GlobalSecondaryIndex.builder()
                        .indexName(requiredString(gsi, "IndexName", at))
                        .keySchema(keySchema(gsi.get("KeySchema"), at + ".KeySchema", defined, used))
                        .projection(projection(gsi.get("Projection"), at + ".Projection"));
                throughput(gsi, at, provisioned).ifPresent(index::provisionedThroughput);
                globalIndexes.add(index.build());
            }
            if (!globalIndexes.isEmpty()) {
                request.globalSecondaryIndexes(globalIndexes);
            }

            List<JsonNode> lsis = list(props, "LocalSecondaryIndexes", path, false);
            List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
            for (int i = 0; i < lsis.size(); i++) {
                String at = path + ".LocalSecondaryIndexes[" + i + "]";
                ObjectNode lsi = object(lsis.get(i), at);
                checkProperties(lsi, at, LSI_HONOURED, Set.of());
                List<KeySchemaElement> lsiKey = keySchema(lsi.get("KeySchema"), at + ".KeySchema", defined, used);
                if (lsiKey.size() != 2
                        || !lsiKey.get(0).attributeName().equals(key.get(0).attributeName())) {
                    throw fail(
                            at + ".KeySchema",
                            "a local secondary index has the table's HASH key ("
                                    + key.get(0).attributeName() + ") and a RANGE key");
                }
                localIndexes.add(LocalSecondaryIndex.builder()
                        .indexName(requiredString(lsi, "IndexName", at))
                        .keySchema(lsiKey)
                        .projection(projection(lsi.get("Projection"), at + ".Projection"))
                        .build());
            }
            if (!localIndexes.isEmpty()) {
                request.localSecondaryIndexes(localIndexes);
            }

            for (String name : defined.keySet()) {
                if (!used.contains(name)) {
                    throw fail(
                            path + ".AttributeDefinitions",
                            name + " is defined but is not a key of the table or of an index (DynamoDB refuses that)");
                }
            }

            Optional<String> ttl = Optional.empty();
            JsonNode ttlNode = value(props, "TimeToLiveSpecification");
            if (ttlNode != null) {
                String at = path + ".TimeToLiveSpecification";
                ObjectNode spec = object(ttlNode, at);
                checkProperties(spec, at, Set.of("AttributeName", "Enabled"), Set.of());
                if (requiredBoolean(spec, "Enabled", at)) {
                    ttl = Optional.of(requiredString(spec, "AttributeName", at));
                }
            }

            JsonNode streamNode = value(props, "StreamSpecification");
            if (streamNode != null) {
                String at = path + ".StreamSpecification";
                ObjectNode spec = object(streamNode, at);
                checkProperties(spec, at, Set.of("StreamViewType"), Set.of("ResourcePolicy"));
                String viewType = requiredString(spec, "StreamViewType", at);
                StreamViewType view = StreamViewType.fromValue(viewType);
                if (view == StreamViewType.UNKNOWN_TO_SDK_VERSION) {
                    throw fail(
                            at + ".StreamViewType",
                            "must be one of " + StreamViewType.knownValues() + ", not " + viewType);
                }
                request.streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(view)
                        .build());
            }
            return new TableSpec(id, request.build(), ttl);
        }

        private List<KeySchemaElement> keySchema(
                JsonNode node, String path, Map<String, ScalarAttributeType> defined, Set<String> used) {
            if (node == null || isNoValue(node) || !node.isArray() || node.isEmpty() || node.size() > 2) {
                throw fail(path, "must list a HASH key and optionally a RANGE key");
            }
            List<KeySchemaElement> key = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String at = path + "[" + i + "]";
                ObjectNode element = object(node.get(i), at);
                checkProperties(element, at, Set.of("AttributeName", "KeyType"), Set.of());
                String name = requiredString(element, "AttributeName", at);
                String type = requiredString(element, "KeyType", at);
                KeyType expected = i == 0 ? KeyType.HASH : KeyType.RANGE;
                if (!expected.toString().equals(type)) {
                    throw fail(
                            at + ".KeyType",
                            "must be " + expected + (i == 0 ? " (the first key is the partition key)" : "") + ", not "
                                    + type);
                }
                if (!defined.containsKey(name)) {
                    throw fail(at + ".AttributeName", name + " is not in AttributeDefinitions");
                }
                used.add(name);
                key.add(KeySchemaElement.builder()
                        .attributeName(name)
                        .keyType(expected)
                        .build());
            }
            return key;
        }

        private Projection projection(JsonNode node, String path) {
            if (node == null || isNoValue(node)) {
                throw fail(path, "is required");
            }
            ObjectNode projection = object(node, path);
            checkProperties(projection, path, Set.of("ProjectionType", "NonKeyAttributes"), Set.of());
            Projection.Builder builder = Projection.builder();
            Optional<String> type = optionalString(projection, "ProjectionType", path);
            if (type.isPresent()) {
                ProjectionType projectionType = ProjectionType.fromValue(type.get());
                if (projectionType == ProjectionType.UNKNOWN_TO_SDK_VERSION) {
                    throw fail(path + ".ProjectionType", "must be ALL, KEYS_ONLY or INCLUDE, not " + type.get());
                }
                builder.projectionType(projectionType);
            }
            List<JsonNode> nonKey = list(projection, "NonKeyAttributes", path, false);
            if (!nonKey.isEmpty()) {
                if (!type.equals(Optional.of("INCLUDE"))) {
                    throw fail(path + ".NonKeyAttributes", "needs ProjectionType INCLUDE");
                }
                List<String> names = new ArrayList<>();
                for (int i = 0; i < nonKey.size(); i++) {
                    names.add(scalar(nonKey.get(i), path + ".NonKeyAttributes[" + i + "]"));
                }
                builder.nonKeyAttributes(names);
            }
            return builder.build();
        }

        private Optional<ProvisionedThroughput> throughput(ObjectNode owner, String path, boolean provisioned) {
            JsonNode node = value(owner, "ProvisionedThroughput");
            String at = path + ".ProvisionedThroughput";
            if (node == null) {
                if (provisioned) {
                    throw fail(at, "is required when BillingMode is PROVISIONED (the default)");
                }
                return Optional.empty();
            }
            if (!provisioned) {
                throw fail(at, "cannot be set when BillingMode is PAY_PER_REQUEST");
            }
            ObjectNode throughput = object(node, at);
            checkProperties(throughput, at, Set.of("ReadCapacityUnits", "WriteCapacityUnits"), Set.of());
            return Optional.of(ProvisionedThroughput.builder()
                    .readCapacityUnits((long) requiredInt(throughput, "ReadCapacityUnits", at, 1, Integer.MAX_VALUE))
                    .writeCapacityUnits((long) requiredInt(throughput, "WriteCapacityUnits", at, 1, Integer.MAX_VALUE))
                    .build());
        }

        // ------------------------------------------------------------------ queues

        private QueueSpec queue(String id, ObjectNode props) {
            String path = "Resources." + id + ".Properties";
            checkProperties(props, path, QUEUE_HONOURED, QUEUE_IGNORED);
            boolean fifo = optionalBoolean(props, "FifoQueue", path).orElse(false);
            String name = fifo ? id + ".fifo" : id;
            if (!QUEUE_NAME.matcher(id).matches() || name.length() > 80) {
                throw fail(
                        "Resources." + id,
                        "the logical id is the local queue name and must be at most 80 characters"
                                + (fifo ? " with .fifo" : ""));
            }
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            optionalInt(props, "VisibilityTimeout", path, 0, 43_200)
                    .ifPresent(v -> attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, v.toString()));
            optionalInt(props, "MessageRetentionPeriod", path, 60, 1_209_600)
                    .ifPresent(v -> attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, v.toString()));
            optionalInt(props, "DelaySeconds", path, 0, 900)
                    .ifPresent(v -> attributes.put(QueueAttributeName.DELAY_SECONDS, v.toString()));
            optionalInt(props, "MaximumMessageSize", path, 1_024, 262_144)
                    .ifPresent(v -> attributes.put(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, v.toString()));
            optionalInt(props, "ReceiveMessageWaitTimeSeconds", path, 0, 20)
                    .ifPresent(v -> attributes.put(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, v.toString()));
            if (fifo) {
                attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            }
            Optional<Boolean> contentDedup = optionalBoolean(props, "ContentBasedDeduplication", path);
            if (contentDedup.isPresent()) {
                if (!fifo) {
                    throw fail(
                            path + ".ContentBasedDeduplication", "applies to FIFO queues only (set FifoQueue: true)");
                }
                attributes.put(
                        QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                        contentDedup.get().toString());
            }
            return new QueueSpec(id, name, attributes, redrive(props, path));
        }

        private Optional<Redrive> redrive(ObjectNode props, String path) {
            JsonNode node = value(props, "RedrivePolicy");
            if (node == null) {
                return Optional.empty();
            }
            String at = path + ".RedrivePolicy";
            if (node.isTextual()) {
                try {
                    node = JSON.readTree(node.asText());
                } catch (JsonProcessingException e) {
                    throw fail(at, "is neither a mapping nor a JSON object: " + e.getOriginalMessage());
                }
            }
            ObjectNode policy = object(node, at);
            checkProperties(policy, at, Set.of("deadLetterTargetArn", "maxReceiveCount"), Set.of());
            JsonNode target = policy.get("deadLetterTargetArn");
            String targetId = getAttArnTarget(target);
            if (targetId == null) {
                throw fail(
                        at + ".deadLetterTargetArn",
                        "must be !GetAtt <queue in this template>.Arn"
                                + (target == null ? " (it is missing)" : ", not " + target));
            }
            if (!QUEUE_TYPE.equals(resourceTypes.get(targetId))) {
                throw fail(at + ".deadLetterTargetArn", targetId + " is not an " + QUEUE_TYPE + " in this template");
            }
            int maxReceiveCount = requiredInt(policy, "maxReceiveCount", at, 1, 1_000);
            return Optional.of(new Redrive(targetId, maxReceiveCount));
        }

        private static String getAttArnTarget(JsonNode target) {
            if (target == null || !target.isObject() || target.size() != 1) {
                return null;
            }
            JsonNode args = target.get("Fn::GetAtt");
            if (args == null) {
                return null;
            }
            if (args.isTextual()) {
                String text = args.asText();
                return text.endsWith(".Arn") ? text.substring(0, text.length() - 4) : null;
            }
            if (args.isArray()
                    && args.size() == 2
                    && args.get(0).isTextual()
                    && "Arn".equals(args.get(1).asText())) {
                return args.get(0).asText();
            }
            return null;
        }

        private List<QueueSpec> creationOrder(Map<String, QueueSpec> queues) {
            List<QueueSpec> ordered = new ArrayList<>();
            Set<String> done = new HashSet<>();
            for (String id : queues.keySet()) {
                visit(id, queues, done, new ArrayList<>(), ordered);
            }
            return ordered;
        }

        private void visit(
                String id,
                Map<String, QueueSpec> queues,
                Set<String> done,
                List<String> chain,
                List<QueueSpec> ordered) {
            if (done.contains(id)) {
                return;
            }
            if (chain.contains(id)) {
                chain.add(id);
                throw fail(
                        "Resources." + id + ".Properties.RedrivePolicy",
                        "dead-letter queues form a cycle: " + String.join(" -> ", chain));
            }
            chain.add(id);
            QueueSpec queue = queues.get(id);
            queue.redrive()
                    .ifPresent(redrive -> visit(redrive.deadLetterQueueLogicalId(), queues, done, chain, ordered));
            chain.removeLast();
            done.add(id);
            ordered.add(queue);
        }

        // ------------------------------------------------------------------ buckets

        private BucketSpec bucket(String id, ObjectNode props) {
            String path = "Resources." + id + ".Properties";
            checkProperties(props, path, BUCKET_HONOURED, BUCKET_IGNORED);
            String name = kebabCase(id);
            if (!BUCKET_NAME.matcher(name).matches()) {
                throw fail(
                        "Resources." + id,
                        "the local bucket name " + name + " (from the logical id) is not a valid S3 bucket name");
            }
            boolean versioned = false;
            JsonNode versioning = value(props, "VersioningConfiguration");
            if (versioning != null) {
                String at = path + ".VersioningConfiguration";
                ObjectNode config = object(versioning, at);
                checkProperties(config, at, Set.of("Status"), Set.of());
                String status = requiredString(config, "Status", at);
                if (!status.equals("Enabled") && !status.equals("Suspended")) {
                    throw fail(at + ".Status", "must be Enabled or Suspended, not " + status);
                }
                versioned = status.equals("Enabled");
            }
            return new BucketSpec(id, name, versioned);
        }

        // ------------------------------------------------------------------ values

        private void checkProperties(ObjectNode node, String path, Set<String> honoured, Set<String> ignored) {
            node.properties().forEach(property -> {
                String name = property.getKey();
                if (!honoured.contains(name) && !ignored.contains(name)) {
                    throw fail(
                            path + "." + name,
                            "is not supported locally (supported: " + new java.util.TreeSet<>(honoured)
                                    + (ignored.isEmpty()
                                            ? ""
                                            : "; accepted and ignored: " + new java.util.TreeSet<>(ignored))
                                    + ")");
                }
            });
        }

        /** The property's value, or null when absent, null or {@code !Ref AWS::NoValue}. */
        private static JsonNode value(ObjectNode owner, String name) {
            JsonNode node = owner.get(name);
            return node == null || node.isNull() || isNoValue(node) ? null : node;
        }

        private static boolean isNoValue(JsonNode node) {
            return node.isObject()
                    && node.size() == 1
                    && "AWS::NoValue".equals(node.path("Ref").asText(null));
        }

        private ObjectNode object(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw fail(path, "must be a mapping" + (node == null ? "" : ", not " + node));
            }
            return (ObjectNode) node;
        }

        private List<JsonNode> list(ObjectNode owner, String name, String path, boolean required) {
            JsonNode node = value(owner, name);
            if (node == null) {
                if (required) {
                    throw fail(path + "." + name, "is required");
                }
                return List.of();
            }
            if (!node.isArray()) {
                throw fail(path + "." + name, "must be a list, not " + node);
            }
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            if (required && items.isEmpty()) {
                throw fail(path + "." + name, "must not be empty");
            }
            return items;
        }

        private String requiredString(ObjectNode owner, String name, String path) {
            return optionalString(owner, name, path).orElseThrow(() -> fail(path + "." + name, "is required"));
        }

        private Optional<String> optionalString(ObjectNode owner, String name, String path) {
            JsonNode node = value(owner, name);
            if (node == null) {
                return Optional.empty();
            }
            String text = scalar(node, path + "." + name);
            if (text.isBlank()) {
                throw fail(path + "." + name, "must not be empty");
            }
            return Optional.of(text);
        }

        private int requiredInt(ObjectNode owner, String name, String path, int min, int max) {
            return optionalInt(owner, name, path, min, max).orElseThrow(() -> fail(path + "." + name, "is required"));
        }

        private Optional<Integer> optionalInt(ObjectNode owner, String name, String path, int min, int max) {
            JsonNode node = value(owner, name);
            if (node == null) {
                return Optional.empty();
            }
            String text = scalar(node, path + "." + name);
            int number;
            try {
                number = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw fail(path + "." + name, "must be a whole number, not " + text);
            }
            if (number < min || number > max) {
                throw fail(path + "." + name, "must be between " + min + " and " + max + ", not " + number);
            }
            return Optional.of(number);
        }

        private boolean requiredBoolean(ObjectNode owner, String name, String path) {
            return optionalBoolean(owner, name, path).orElseThrow(() -> fail(path + "." + name, "is required"));
        }

        private Optional<Boolean> optionalBoolean(ObjectNode owner, String name, String path) {
            JsonNode node = value(owner, name);
            if (node == null) {
                return Optional.empty();
            }
            String text = scalar(node, path + "." + name);
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> throw fail(path + "." + name, "must be true or false, not " + text);
            };
        }

        /**
         * A literal, or a {@code Ref} to a parameter with a default or to a pseudo parameter;
         * anything else cannot be known without a deployment.
         */
        private String scalar(JsonNode node, String path) {
            if (node.isValueNode() && !node.isNull()) {
                return node.asText();
            }
            if (node.isObject()
                    && node.size() == 1
                    && node.has("Ref")
                    && node.get("Ref").isTextual()) {
                String target = node.get("Ref").asText();
                if (parameters.containsKey(target)) {
                    String value = parameterDefaults.get(target);
                    if (value == null) {
                        throw fail(path, "refers to parameter " + target + ", which has no Default to use locally");
                    }
                    return value;
                }
                Optional<String> pseudo = ProvisionedResources.pseudoParameter(target);
                if (pseudo.isPresent()) {
                    return pseudo.get();
                }
                if (resourceTypes.containsKey(target)) {
                    throw fail(path, "!Ref " + target + " (a resource) cannot be used here");
                }
                throw fail(path, "!Ref " + target + " names no parameter or resource of the template");
            }
            if (node.isObject() && node.size() == 1) {
                throw fail(
                        path,
                        node.properties().iterator().next().getKey()
                                + " cannot be resolved locally; use a literal or !Ref to a parameter with a Default");
            }
            throw fail(path, "must be a single value, not " + node);
        }

        private TemplateException fail(String path, String problem) {
            return new TemplateException(source + ": " + path + " " + problem);
        }
    }
}
