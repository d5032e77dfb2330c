package dev.aiblog.local.iam;

import java.util.Optional;

/**
 * The services the gateway fronts, by the name SigV4 signs for ({@code Credential=.../<service>/aws4_request})
 * and, for the JSON protocols, the {@code X-Amz-Target} prefix.
 */
public enum AwsService {
    DYNAMODB("dynamodb", "DynamoDB_20120810", "1.0"),
    SQS("sqs", "AmazonSQS", "1.0"),
    S3("s3", null, null),
    STEP_FUNCTIONS("states", "AWSStepFunctions", "1.0"),
    SECRETS_MANAGER("secretsmanager", "secretsmanager", "1.1");

    private final String signingName;
    private final String targetPrefix;
    private final String jsonVersion;

    AwsService(String signingName, String targetPrefix, String jsonVersion) {
        this.signingName = signingName;
        this.targetPrefix = targetPrefix;
        this.jsonVersion = jsonVersion;
    }

    /** The SigV4 signing name, also the IAM action prefix ({@code dynamodb}, {@code states}, ...). */
    public String signingName() {
        return signingName;
    }

    /** Whether the service speaks an AWS JSON protocol ({@code X-Amz-Target} + JSON body); S3 speaks REST-XML. */
    public boolean isJson() {
        return targetPrefix != null;
    }

    /** The {@code X-Amz-Target} prefix, e.g. {@code DynamoDB_20120810}; null for S3. */
    public String targetPrefix() {
        return targetPrefix;
    }

    /** {@code application/x-amz-json-1.0} or {@code -1.1}; null for S3. */
    public String contentType() {
        return jsonVersion == null ? "application/xml" : "application/x-amz-json-" + jsonVersion;
    }

    /** The service a SigV4 credential scope names. */
    public static Optional<AwsService> bySigningName(String name) {
        for (AwsService service : values()) {
            if (service.signingName.equals(name)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** The JSON service an {@code X-Amz-Target} header addresses; S3 (REST) when there is none or it is unknown. */
    static AwsService byTarget(Optional<String> target) {
        if (target.isPresent()) {
            String prefix = target.get().contains(".")
                    ? target.get().substring(0, target.get().indexOf('.'))
                    : target.get();
            for (AwsService service : values()) {
                if (prefix.equals(service.targetPrefix)) {
                    return service;
                }
            }
        }
        return S3;
    }
}
