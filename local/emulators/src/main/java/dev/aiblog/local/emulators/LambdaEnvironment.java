package dev.aiblog.local.emulators;

import dev.aiblog.local.sam.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment Lambda gives a function, built for the local runtime: the variables the template declares, and
 * on top of them the runtime's own — region, function name, memory, version, log group, handler, execution
 * environment, and the function's own temporary credentials with their session token.
 *
 * <p>A template that sets one of Lambda's reserved variables is refused, as a deployment would be.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime">Defined runtime environment variables</a>
 */
public final class LambdaEnvironment {
    /** What a function's configuration may not set; Lambda refuses the deployment otherwise. */
    public static final Set<String> RESERVED = Set.of(
            "_HANDLER",
            "_X_AMZN_TRACE_ID",
            "AWS_DEFAULT_REGION",
            "AWS_REGION",
            "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE",
            "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_LAMBDA_RUNTIME_API",
            "LAMBDA_TASK_ROOT",
            "LAMBDA_RUNTIME_DIR");

    /** A function's temporary credentials, as Lambda gets them from the function's execution role. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {}

    private LambdaEnvironment() {}

    /**
     * @param function the function as the template declares it
     * @param declared its {@code Environment.Variables}, resolved
     * @param credentials what its role's session gives it
     * @throws IllegalStateException naming the variable when the template sets a reserved one
     */
    public static Map<String, String> of(
            SamTemplate.Function function, Map<String, String> declared, Credentials credentials) {
        Set<String> clash = new TreeSet<>(declared.keySet());
        clash.retainAll(RESERVED);
        if (!clash.isEmpty()) {
            throw new IllegalStateException("template.yaml sets " + clash + " for " + function.logicalId()
                    + ": Lambda reserves these names and refuses the deployment");
        }
        Map<String, String> env = new LinkedHashMap<>(declared);
        env.put("AWS_REGION", SamTemplate.REGION);
        env.put("AWS_DEFAULT_REGION", SamTemplate.REGION);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + function.logicalId());
        env.put("_HANDLER", function.handler());
        env.put("LAMBDA_TASK_ROOT", "/var/task");
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        return env;
    }
}
