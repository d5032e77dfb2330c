package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiblog.local.openai.OpenAiDouble;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model functions' zips carry the OpenAI SDK shrunk by ProGuard to what they use; this runs them as Lambda
 * would (each zip alone on its class loader) with the real SDK code talking HTTP to the OpenAI double: moderation,
 * structured text, an image, and a rate limit that must still come out as the named error the ASL retries.
 */
class ModelZipsTest {
    static final List<String> MODEL_FUNCTIONS =
            List.of("ModerateFunction", "GenerateTextFunction", "GenerateImageFunction");

    @TempDir
    static Path unpacked;

    private static OpenAiDouble openai;
    private static LocalCloud cloud;
    private static final Map<String, Object> handlers = new HashMap<>();
    private static final Map<String, URLClassLoader> loaders = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        openai = new OpenAiDouble();
        cloud = LocalCloud.start(LocalCloud.Options.inMemory(Repository.root())
                .withEnvironment(Map.of("OPENAI_BASE_URL", openai.baseUrl(), "OPENAI_API_KEY", "sk-test-double"))
                .withTimeScale(0));
        cloud.requests().create(SampleEvents.request());
        for (String function : MODEL_FUNCTIONS) {
            Path zip = Repository.root().resolve(FunctionZipTest.codeUri(function));
            Assumptions.assumeTrue(Files.exists(zip), "build the zips first (./mvnw package): " + zip);
            URLClassLoader loader = FunctionZipTest.unpack(zip, unpacked.resolve(function));
            loaders.put(function, loader);
            Class<?> settings = loader.loadClass("dev.aiblog.core.config.Settings");
            Object config = settings.getMethod("of", Map.class)
                    .invoke(null, cloud.functions().settings(function).asMap());
            handlers.put(
                    function,
                    FunctionZipTest.construct(
                            loader, cloud.functions().function(function).handlerClass(), settings, config));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (URLClassLoader loader : loaders.values()) {
            loader.close();
        }
        if (cloud != null) {
            assertThat(cloud.aws().refusals()).isEmpty();
            cloud.close();
        }
        if (openai != null) {
            openai.close();
        }
    }

    @Test
    void eachModelZipHoldsTheShrunkSdkInsteadOfTheWholeOne() throws Exception {
        for (String function : MODEL_FUNCTIONS) {
            List<String> entries =
                    FunctionZipTest.entries(Repository.root().resolve(FunctionZipTest.codeUri(function)));

            assertThat(entries)
                    .as(function)
                    .contains("lib/openai-java-shrunk.jar")
                    .noneMatch(name -> name.startsWith("lib/openai-java-core"));
        }
    }

    @Test
    void theShrunkSdkModeratesWritesAndIllustratesThroughTheDouble() throws Exception {
        openai.reset();
        for (SampleEvents.Sample sample : SampleEvents.ALL.stream()
                .filter(s -> MODEL_FUNCTIONS.contains(s.functionId()))
                .toList()) {
            String output = FunctionZipTest.invoke(
                    handlers.get(sample.functionId()),
                    loaders.get(sample.functionId()),
                    Files.readAllBytes(sample.path()));

            SampleEvents.assertHandled(sample, output);
        }
        assertThat(openai.received(OpenAiDouble.MODERATIONS)).hasSize(2);
        assertThat(openai.received(OpenAiDouble.CHAT)).hasSize(1);
        assertThat(openai.received(OpenAiDouble.IMAGES)).hasSize(1);
        assertThat(openai.received(OpenAiDouble.CHAT)
                        .getFirst()
                        .body()
                        .path("response_format")
                        .path("type")
                        .asText())
                .isEqualTo("json_schema");
    }

    @Test
    void aRateLimitStillSurfacesAsTheNamedErrorTheStateMachineRetries() throws Exception {
        openai.reset();
        openai.enqueue(OpenAiDouble.CHAT, OpenAiDouble.rateLimited(), 5);
        // a request of its own: the sample request's text, written by another test, would be reused (no model call)
        String requestId = java.util.UUID.randomUUID().toString();
        cloud.requests()
                .create(dev.aiblog.core.model.BlogRequest.queued(
                        requestId,
                        "user-1",
                        "Rate limits",
                        dev.aiblog.core.model.PostOptions.DEFAULT,
                        java.time.Instant.now()));
        String event = Files.readString(Repository.root().resolve("events").resolve("generate-text.json"))
                .replace(SampleEvents.request().requestId(), requestId);

        assertThatThrownBy(() -> FunctionZipTest.invoke(
                        handlers.get("GenerateTextFunction"),
                        loaders.get("GenerateTextFunction"),
                        event.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .cause()
                .extracting(e -> e.getClass().getName())
                .isEqualTo("dev.aiblog.core.errors.RateLimitedException");
    }
}
