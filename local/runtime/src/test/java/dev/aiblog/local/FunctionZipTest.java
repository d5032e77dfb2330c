package dev.aiblog.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.aiblog.local.sam.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each function's deployment zip ({@code CodeUri} in template.yaml) runs on its own, as Lambda runs it: unpacked,
 * loaded by a class loader that sees only the zip (classes at the root, jars in {@code lib/}), built with the
 * template's environment, and invoked with its {@code events/} files against the emulators. A zip that misses a
 * class it needs fails here, not in AWS. Runs after {@code package} (in {@code ./mvnw verify}).
 */
class FunctionZipTest {
    @TempDir
    static Path unpacked;

    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloud.Options.inMemory(Repository.root()));
        cloud.requests().create(SampleEvents.request());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void everyZipRunsItsSampleEventsWithOnlyWhatItHolds() throws Exception {
        Map<String, Object> handlers = new HashMap<>();
        Map<String, URLClassLoader> loaders = new HashMap<>();
        for (SamTemplate.Function function : cloud.template().functions()) {
            Path zip = Repository.root().resolve(codeUri(function.logicalId()));
            Assumptions.assumeTrue(Files.exists(zip), "build the zips first (./mvnw package): " + zip);
            URLClassLoader loader = unpack(zip, unpacked.resolve(function.logicalId()));
            loaders.put(function.logicalId(), loader);
            Class<?> settings = loader.loadClass("dev.aiblog.core.config.Settings");
            Object config = settings.getMethod("of", Map.class)
                    .invoke(
                            null,
                            cloud.functions().settings(function.logicalId()).asMap());
            handlers.put(function.logicalId(), construct(loader, function.handlerClass(), settings, config));
        }

        for (SampleEvents.Sample sample : SampleEvents.ALL) {
            String output = invoke(
                    handlers.get(sample.functionId()),
                    loaders.get(sample.functionId()),
                    Files.readAllBytes(sample.path()));

            SampleEvents.assertHandled(sample, output);
        }
        // the SnapStart priming builds every client the API has: all of them must be in its (shrunk) zip
        Object api = handlers.get("ApiFunction");
        Method prime = api.getClass().getDeclaredMethod("prime");
        prime.setAccessible(true);
        assertThat(inContext(loaders.get("ApiFunction"), () -> prime.invoke(api)))
                .isEqualTo(200);
        for (URLClassLoader loader : loaders.values()) {
            loader.close();
        }
    }

    @Test
    void theFeedApiCarriesNoModelSdk() throws IOException {
        Path zip = Repository.root().resolve(codeUri("ApiFunction"));
        Assumptions.assumeTrue(Files.exists(zip), "build the zips first (./mvnw package)");

        assertThat(entries(zip)).noneMatch(name -> name.contains("openai")).contains("lib/aws-sdk-shrunk.jar");
        assertThat(entries(Repository.root().resolve(codeUri("GenerateTextFunction"))))
                .contains("lib/openai-java-shrunk.jar");
    }

    @Test
    void theApiCarriesTheAwsSdkOnlyAsItsShrunkJar() throws IOException {
        Path zip = Repository.root().resolve(codeUri("ApiFunction"));
        Assumptions.assumeTrue(Files.exists(zip), "build the zips first (./mvnw package)");

        Map<String, List<String>> sdkClassesByJar = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")) {
                    ZipInputStream jar = new ZipInputStream(in);
                    for (ZipEntry c = jar.getNextEntry(); c != null; c = jar.getNextEntry()) {
                        if (c.getName().startsWith("software/amazon/awssdk/")
                                && c.getName().endsWith(".class")) {
                            sdkClassesByJar
                                    .computeIfAbsent(e.getName(), k -> new ArrayList<>())
                                    .add(c.getName());
                        }
                    }
                }
            }
        }

        assertThat(sdkClassesByJar).containsOnlyKeys("lib/aws-sdk-shrunk.jar");
    }

    static String codeUri(String logicalId) throws IOException {
        String template = Files.readString(Repository.root().resolve("template.yaml"));
        int at = template.indexOf("\n  " + logicalId + ":\n");
        int uri = template.indexOf("CodeUri:", at);
        return template.substring(uri + "CodeUri:".length(), template.indexOf('\n', uri))
                .trim();
    }

    static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    /** Unpacks a Lambda zip and gives a class loader over it alone: its root, then lib/*.jar, on the platform loader. */
    static URLClassLoader unpack(Path zip, Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = dir.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        List<URL> urls = new ArrayList<>();
        urls.add(dir.toUri().toURL());
        try (var jars = Files.list(dir.resolve("lib"))) {
            for (Path jar : jars.sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /**
     * Makes a handler as the Lambda Java runtime does: with the zip's class loader as the thread's context class
     * loader, where service loaders (Log4j, Powertools) look for their implementations.
     */
    static Object construct(ClassLoader loader, String handlerClass, Class<?> settings, Object config)
            throws Exception {
        return inContext(
                loader,
                () -> loader.loadClass(handlerClass).getConstructor(settings).newInstance(config));
    }

    static <T> T inContext(ClassLoader loader, java.util.concurrent.Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Invokes the handler as the Lambda Java runtime does: streams for a stream handler, its serialisers for a typed one. */
    static String invoke(Object handler, ClassLoader loader, byte[] event) throws Exception {
        return inContext(loader, () -> invokeInContext(handler, loader, event));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String invokeInContext(Object handler, ClassLoader loader, byte[] event) throws Exception {
        Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Object context = Proxy.newProxyInstance(
                loader, new Class<?>[] {contextType}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> UUID.randomUUID().toString();
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "getFunctionName" -> handler.getClass().getSimpleName();
                    case "toString" -> "LambdaContext";
                    default -> null;
                });
        try {
            Method stream = find(handler.getClass(), InputStream.class, OutputStream.class, contextType);
            if (stream != null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.invoke(handler, new ByteArrayInputStream(event), out, context);
                return out.toString(StandardCharsets.UTF_8);
            }
            Class<?> requestHandler = loader.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler");
            Class<?>[] types = typeArguments(handler.getClass(), requestHandler);
            Object input = LambdaEventSerializers.serializerFor((Class) types[0], loader)
                    .fromJson(new ByteArrayInputStream(event));
            Method typed = requestHandler.getMethod("handleRequest", Object.class, contextType);
            Object output = typed.invoke(handler, input, context);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PojoSerializer serializer = LambdaEventSerializers.serializerFor((Class) types[1], loader);
            serializer.toJson(output, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (InvocationTargetException e) {
            throw new AssertionError(
                    handler.getClass().getName() + " failed inside its zip: " + e.getCause(), e.getCause());
        }
    }

    private static Method find(Class<?> type, Class<?>... parameters) {
        try {
            return type.getMethod("handleRequest", parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Class<?>[] typeArguments(Class<?> handlerClass, Class<?> requestHandler) {
        for (Type type : handlerClass.getGenericInterfaces()) {
            if (type instanceof ParameterizedType p && p.getRawType() == requestHandler) {
                return new Class<?>[] {raw(p.getActualTypeArguments()[0]), raw(p.getActualTypeArguments()[1])};
            }
        }
        throw new AssertionError(handlerClass + " is neither a stream handler nor a RequestHandler");
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
}
