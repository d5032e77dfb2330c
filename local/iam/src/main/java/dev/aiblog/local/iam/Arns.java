package dev.aiblog.local.iam;

/** ARNs of the local account's resources, as IAM sees them. */
final class Arns {

    private static final String PREFIX = "arn:" + LocalAccount.PARTITION + ":";

    private Arns() {}

    static String table(String tableNameOrArn) {
        return tableNameOrArn.startsWith("arn:")
                ? tableNameOrArn
                : PREFIX + "dynamodb:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":table/"
                        + tableNameOrArn;
    }

    static String queue(String account, String name) {
        return PREFIX + "sqs:" + LocalAccount.REGION + ":" + account + ":" + name;
    }

    static String stateMachine(String name) {
        return PREFIX + "states:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":stateMachine:" + name;
    }

    /** A secret's ARN without the six-character suffix Secrets Manager appends. */
    static String partialSecret(String name) {
        return PREFIX + "secretsmanager:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":secret:" + name;
    }

    static String bucket(String bucket) {
        return PREFIX + "s3:::" + bucket;
    }

    static String object(String bucket, String key) {
        return PREFIX + "s3:::" + bucket + "/" + key;
    }

    static String lambdaFunction(String name) {
        return PREFIX + "lambda:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":function:" + name;
    }
}
