package dev.aiblog.local.iam;

/**
 * The partition, region and account every local ARN uses. Deployed, these come from the stack;
 * locally they are fixed so that ARNs in policies and ARNs of requests agree.
 */
public final class LocalAccount {

    /** {@code AWS::Partition}. */
    public static final String PARTITION = "aws";
    /** {@code AWS::Region}. */
    public static final String REGION = "us-east-1";
    /** {@code AWS::AccountId}. */
    public static final String ACCOUNT_ID = "000000000000";

    private LocalAccount() {}
}
