package dev.aiblog.local.iam;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who makes a call: a function (or state machine) of template.yaml running with its own role.
 *
 * @param logicalId the resource's logical id in template.yaml, e.g. {@code PublishFunction}
 * @param roleArn the role SAM creates for it, {@code arn:aws:iam::000000000000:role/<LogicalId>Role}
 * @param assumedRoleArn the session ARN AWS names in its errors,
 *     {@code arn:aws:sts::000000000000:assumed-role/<LogicalId>Role/<LogicalId>}
 */
public record Principal(String logicalId, String roleArn, String assumedRoleArn) {

    private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]+");

    public Principal {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(assumedRoleArn, "assumedRoleArn");
    }

    /**
     * The principal of a template resource, with the role name SAM gives it ({@code <LogicalId>Role})
     * and a session named after the resource (what Lambda does: the session name is the function name).
     */
    public static Principal of(String logicalId) {
        if (logicalId == null || !LOGICAL_ID.matcher(logicalId).matches()) {
            throw new IllegalArgumentException(
                    "a logical id is alphanumeric (CloudFormation's rule), got '" + logicalId + "'");
        }
        String role = logicalId + "Role";
        return new Principal(
                logicalId,
                "arn:" + LocalAccount.PARTITION + ":iam::" + LocalAccount.ACCOUNT_ID + ":role/" + role,
                "arn:" + LocalAccount.PARTITION + ":sts::" + LocalAccount.ACCOUNT_ID + ":assumed-role/" + role + "/"
                        + logicalId);
    }

    @Override
    public String toString() {
        return assumedRoleArn;
    }
}
