package dev.aiblog.core.errors;

import java.lang.reflect.Method;

/**
 * A transient failure of an AWS call a step made (DynamoDB or S3): throttling, a 5xx, or the SDK's own client error
 * (a dropped connection, a timeout). The state machine retries it with backoff; the steps are idempotent.
 *
 * <p>Core does not import the AWS SDK: {@link #classify} recognises the SDK's exceptions by their class names and
 * public accessors ({@code statusCode()}, {@code isThrottlingException()}), as Lambda names errors by class.
 */
public class TransientAwsException extends PipelineException {
    static final String SDK_CLIENT = "software.amazon.awssdk.core.exception.SdkClientException";
    static final String SDK_SERVICE = "software.amazon.awssdk.core.exception.SdkServiceException";

    public TransientAwsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code e} as a TransientAwsException when it is a transient AWS failure; {@code e} itself otherwise. */
    public static RuntimeException classify(RuntimeException e) {
        if (e instanceof PipelineException) {
            return e;
        }
        for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(SDK_CLIENT)) {
                return new TransientAwsException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            if (type.getName().equals(SDK_SERVICE)) {
                return transientService(e)
                        ? new TransientAwsException(e.getClass().getSimpleName() + ": " + e.getMessage(), e)
                        : e;
            }
        }
        return e;
    }

    private static boolean transientService(RuntimeException e) {
        try {
            Method throttling = e.getClass().getMethod("isThrottlingException");
            Method status = e.getClass().getMethod("statusCode");
            return Boolean.TRUE.equals(throttling.invoke(e)) || ((Integer) status.invoke(e)) >= 500;
        } catch (ReflectiveOperationException | ClassCastException unknown) {
            return false;
        }
    }
}
