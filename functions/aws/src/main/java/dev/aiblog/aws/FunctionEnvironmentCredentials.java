package dev.aiblog.aws;

import dev.aiblog.core.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The credentials Lambda gives a function in its environment: {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} — read, like the SDK's
 * {@code EnvironmentVariableCredentialsProvider}, as session credentials whenever a token is there. It reads the
 * function's {@link Settings} rather than the process environment because locally several functions share one JVM,
 * each with its own environment; in Lambda the two are the same map.
 *
 * <p>Without a key it fails, so that a chain moves on to the next provider.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime">Lambda's reserved environment variables</a>
 */
final class FunctionEnvironmentCredentials implements AwsCredentialsProvider {
    private final Settings settings;

    FunctionEnvironmentCredentials(Settings settings) {
        this.settings = settings;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        String keyId = settings.get("AWS_ACCESS_KEY_ID")
                .orElseThrow(() -> SdkClientException.create("AWS_ACCESS_KEY_ID is not in the function's environment"));
        String secret = settings.get("AWS_SECRET_ACCESS_KEY")
                .orElseThrow(
                        () -> SdkClientException.create("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
        return settings.get("AWS_SESSION_TOKEN")
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(keyId, secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(keyId, secret));
    }

    @Override
    public String toString() {
        return "FunctionEnvironmentCredentials";
    }
}
