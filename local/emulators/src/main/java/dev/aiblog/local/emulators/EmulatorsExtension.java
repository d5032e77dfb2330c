package dev.aiblog.local.emulators;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * JUnit 5: injects the JVM's {@link EmulatedAws#shared() shared} emulators, started on first use
 * and provisioned from the repository's {@code template.yaml}, into test constructors and methods.
 *
 * <pre>{@code
 * @ExtendWith(EmulatorsExtension.class)
 * class FeedStoreTest {
 *     FeedStoreTest(DynamoDbClient dynamoDb, ProvisionedResources resources) { ... }
 * }
 * }</pre>
 *
 * Resolvable types: {@link EmulatedAws}, {@link Emulators}, {@link LocalAwsClients},
 * {@link DynamoDbClient}, {@link SqsClient}, {@link S3Client}, {@link ProvisionedResources},
 * {@link TemplateResources}. The instance outlives the test class: call
 * {@link EmulatedAws#reset()} where a test needs empty resources, or use unique keys.
 */
public final class EmulatorsExtension implements ParameterResolver {

    private static final Map<Class<?>, Function<EmulatedAws, Object>> RESOLVABLE = Map.of(
            EmulatedAws.class, aws -> aws,
            Emulators.class, EmulatedAws::emulators,
            LocalAwsClients.class, EmulatedAws::clients,
            DynamoDbClient.class, EmulatedAws::dynamoDb,
            SqsClient.class, EmulatedAws::sqs,
            S3Client.class, EmulatedAws::s3,
            ProvisionedResources.class, EmulatedAws::resources,
            TemplateResources.class, EmulatedAws::template);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return RESOLVABLE.containsKey(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return RESOLVABLE.get(parameterContext.getParameter().getType()).apply(EmulatedAws.shared());
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("could not start the shared emulators: " + e.getMessage(), e);
        }
    }
}
