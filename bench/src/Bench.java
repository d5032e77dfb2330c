import com.fasterxml.jackson.databind.JsonNode;
import dev.aiblog.asl.HistoryEvent;
import dev.aiblog.asl.HistoryListener;
import dev.aiblog.core.Json;
import dev.aiblog.core.model.BlogRequest;
import dev.aiblog.core.model.Post;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.TokenUsage;
import dev.aiblog.local.LocalCloud;
import dev.aiblog.local.LocalRuntime;
import dev.aiblog.local.openai.OpenAiDouble;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The benchmarks of README's performance table, one per row: each measures its command and its baseline in the
 * same run, interleaved (A B A B …), and prints the ratio per pair as median, minimum and maximum, with the load
 * average before and after. Run through {@code bench/run <name>}. No figure here is asserted anywhere: these are
 * measurements, not tests.
 */
public final class Bench {
    static final Path REPO = Path.of(System.getProperty("aiblog.repo", ".")).toAbsolutePath().normalize();
    static final Path WORK = REPO.resolve("bench/target");

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "help" : args[0];
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String before = load();
        switch (name) {
            case "coldstart" -> coldStart(pairs);
            case "snapstart-jit" -> snapStartJit(pairs);
            case "feed" -> feed(pairs);
            case "burst" -> burst(pairs);
            default -> {
                System.err.println("bench/run coldstart|snapstart-jit|feed|burst [pairs]");
                System.exit(1);
            }
        }
        System.out.println("load average before: " + before + "; after: " + load());
        System.exit(0);
    }

    // ------------------------------------------------------------------ cold start

    /**
     * A cold start as Lambda's java runtimes run one: a fresh JVM launched like theirs (heap, metaspace and code
     * cache sized from the function's memory, serial GC) with the template's JAVA_TOOL_OPTIONS, running the Lambda
     * Runtime Interface Client in the unpacked zip as its task root, which loads the handler and takes the first
     * event ({@code GET /feed}) from a Runtime API served here; timed from the launch to the answer's arrival.
     * The baseline is a trivial handler in the same harness. With the JDK's default CDS archive, and with none
     * ({@code -Xshare:off}) on either side.
     */
    static void coldStart(int pairs) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.inMemory(REPO)); RuntimeApi runtimeApi = new RuntimeApi()) {
            seed(cloud, 40);
            Path api = unpack(REPO.resolve("functions/api/target/api-function.zip"), WORK.resolve("api-zip"));
            Path trivial = WORK.resolve("trivial-task");
            Files.createDirectories(trivial);
            Files.copy(WORK.resolve("classes/TrivialHandler.class"), trivial.resolve("TrivialHandler.class"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Map<String, String> env = new HashMap<>(cloud.functions().settings("ApiFunction").asMap());
            env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
            System.out.println("JAVA_TOOL_OPTIONS (the template's, for ApiFunction): " + env.getOrDefault("JAVA_TOOL_OPTIONS", ""));
            System.out.println("harness: " + String.join(" ", lambdaJvm(env, "-Xshare:auto")) + " <handler>");
            // the floor: the same unpacked zip (its logging jars and log4j2.xml) running a handler that only logs
            Files.copy(WORK.resolve("classes/LoggingFloorHandler.class"), api.resolve("LoggingFloorHandler.class"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String apiHandler = "dev.aiblog.functions.api.ApiHandler::handleRequest";
            String floorHandler = "LoggingFloorHandler::handleRequest";
            byte[] event = Files.readAllBytes(REPO.resolve("events/api-get-feed.json"));
            for (String share : List.of("-Xshare:auto", "-Xshare:off")) {
                List<Double> a = new ArrayList<>();
                List<Double> b = new ArrayList<>();
                List<Double> f = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                List<Double> floorRatios = new ArrayList<>();
                coldInvoke(runtimeApi, api, env, share, apiHandler, event);  // warm-up: page cache
                coldInvoke(runtimeApi, api, env, share, floorHandler, event);
                coldInvoke(runtimeApi, trivial, env, share, "TrivialHandler::handleRequest", event);
                for (int i = 0; i < pairs; i++) {
                    double ta = coldInvoke(runtimeApi, api, env, share, apiHandler, event);
                    double tf = coldInvoke(runtimeApi, api, env, share, floorHandler, event);
                    double tb = coldInvoke(runtimeApi, trivial, env, share, "TrivialHandler::handleRequest", event);
                    a.add(ta);
                    f.add(tf);
                    b.add(tb);
                    ratios.add(ta / tb);
                    floorRatios.add(tf / tb);
                }
                report("cold start " + share + ": ApiHandler first GET /feed ÷ trivial handler (Runtime Interface Client)", ratios, a, b, "ms");
                report("  the floor, " + share + ": a handler that only logs one line through the functions' Powertools/Log4j"
                        + " logging ÷ trivial handler", floorRatios, f, b, "ms");
            }
        }
    }

    /** The java runtimes' launch: MaxHeapSize 85 %, MaxMetaspaceSize 10 %, ReservedCodeCacheSize 5 % of the memory. */
    static List<String> lambdaJvm(Map<String, String> env, String share) {
        long kb = Long.parseLong(env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")) * 1024;
        return List.of(javaBin(), share, "-XX:MaxHeapSize=" + kb * 85 / 100 + "k", "-XX:MaxMetaspaceSize=" + kb / 10 + "k",
                "-XX:ReservedCodeCacheSize=" + kb / 20 + "k", "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true",
                "-cp", System.getProperty("aiblog.bench.ric"), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
    }

    /** Launches the harness in {@code taskRoot} and hands it {@code event}: milliseconds from launch to the answer. */
    static double coldInvoke(RuntimeApi runtimeApi, Path taskRoot, Map<String, String> env, String share, String handler, byte[] event)
            throws Exception {
        List<String> command = new ArrayList<>(lambdaJvm(env, share));
        String extra = System.getProperty("aiblog.bench.jvm", "");
        if (!extra.isBlank() && !handler.startsWith("Trivial")) {
            command.addAll(1, List.of(extra.trim().split("\\s+")));
        }
        command.add(handler);
        ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("coldstart-child.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("_HANDLER", handler);
        pb.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
        pb.environment().put("PATH", System.getenv("PATH"));
        var answer = runtimeApi.invoke(event);
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            RuntimeApi.Answer got = answer.get(2, java.util.concurrent.TimeUnit.MINUTES);
            if (got.error() || !got.body().contains("\"statusCode\":200")) {
                throw new IllegalStateException(handler + " did not answer 200: " + got.body().substring(0, Math.min(300, got.body().length()))
                        + "\n" + Files.readString(WORK.resolve("coldstart-child.log")));
            }
            return (got.nanos() - start) / 1e6;
        } finally {
            p.destroy();  // a polite stop first, so a flight recording asked for in AIBLOG_BENCH_JVM is written
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * For a SnapStart function what counts is after the restore: the snapshot holds the code primed before it.
     * Times the 200 feed requests that follow priming, with the template's tiered compilation options against the
     * java25 runtime's defaults (no JAVA_TOOL_OPTIONS), interleaved in fresh JVMs.
     */
    static void snapStartJit(int pairs) throws Exception {
        try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.inMemory(REPO))) {
            seed(cloud, 40);
            Path api = unpack(REPO.resolve("functions/api/target/api-function.zip"), WORK.resolve("api-zip"));
            Map<String, String> c1 = new HashMap<>(cloud.functions().settings("ApiFunction").asMap());
            Map<String, String> defaults = new HashMap<>(c1);
            defaults.remove("JAVA_TOOL_OPTIONS");
            Path event = REPO.resolve("events/api-get-feed.json");
            String cp = WORK.resolve("classes") + ":" + api + ":" + api.resolve("lib/*");
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                double ta = afterPrime(child(cp, "-Xshare:auto", c1, "dev.aiblog.functions.api.ApiHandler", event, "prime", "200"));
                double tb = afterPrime(child(cp, "-Xshare:auto", defaults, "dev.aiblog.functions.api.ApiHandler", event, "prime", "200"));
                a.add(ta);
                b.add(tb);
                ratios.add(ta / tb);
            }
            report("200 feed requests after priming: the template's JAVA_TOOL_OPTIONS (" + c1.get("JAVA_TOOL_OPTIONS") + ") ÷ java25 defaults", ratios, a, b, "ms");
        }
    }

    static ProcessBuilder child(String classpath, String share, Map<String, String> env, String handler, Path event, String... more) {
        List<String> command = new ArrayList<>(List.of(javaBin(), share, "-cp", classpath, "ColdStartMain", handler, event.toString()));
        command.addAll(Arrays.asList(more));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", System.getenv("PATH"));
        return pb;
    }

    static double afterPrime(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("child failed: " + out);
        }
        return out.lines().filter(l -> l.startsWith("after-prime-ms ")).mapToDouble(l -> Double.parseDouble(l.substring(15))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no timing in: " + out));
    }

    // ------------------------------------------------------------------ feed latency

    /**
     * {@code GET /feed?limit=20} through the local HTTP API (the code {@code ./aiblog serve} runs) from 8 clients,
     * against the raw DynamoDB Local query of the Feed index from 8 clients: throughput ratio and each side's p99.
     * A third side, interleaved with them, is the ceiling the IAM enforcement leaves: the same raw query made as the
     * API function makes it, with its role's credentials through the IAM gateway (no local API, no handler).
     */
    static void feed(int pairs) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalCloud.Options.inMemory(REPO), 0, "bench-token", false)) {
            seed(runtime.cloud(), 60);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI feed = runtime.url().resolve("/feed?limit=20");
            DynamoDbClient dynamo = runtime.cloud().clients().dynamoDb();
            String table = runtime.cloud().resources().tableName("BlogsTable");
            Runnable viaApi = () -> {
                try {
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(feed).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("GET /feed answered " + r.statusCode());
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            Runnable raw = () -> feedQuery(dynamo, table);
            DynamoDbClient asTheApi = dev.aiblog.aws.AwsClients.dynamoDb(runtime.cloud().functions().settings("ApiFunction"));
            Runnable viaGateway = () -> feedQuery(asTheApi, table);
            Duration round = Duration.ofSeconds(3);
            clients(8, round, viaApi);  // warm-up
            clients(8, round, raw);
            clients(8, round, viaGateway);
            List<Double> ratios = new ArrayList<>();
            List<Double> gatewayRatios = new ArrayList<>();
            List<Double> p99a = new ArrayList<>();
            List<Double> p99b = new ArrayList<>();
            List<Double> rpsA = new ArrayList<>();
            List<Double> rpsB = new ArrayList<>();
            List<Double> rpsG = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                double[] a = clients(8, round, viaApi);
                double[] b = clients(8, round, raw);
                double[] g = clients(8, round, viaGateway);
                rpsA.add(a[0]);
                rpsB.add(b[0]);
                rpsG.add(g[0]);
                p99a.add(a[1]);
                p99b.add(b[1]);
                ratios.add(a[0] / b[0]);
                gatewayRatios.add(g[0] / b[0]);
            }
            report("GET /feed?limit=20 via the local API ÷ raw Feed-index query, 8 clients (throughput)", ratios, rpsA, rpsB, "req/s");
            report("  the ceiling: the same query with the API function's role through the IAM gateway ÷ raw (throughput)",
                    gatewayRatios, rpsG, rpsB, "req/s");
            List<Double> p99ratios = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                p99ratios.add(p99a.get(i) / p99b.get(i));
            }
            report("p99 latency, local API ÷ raw query", p99ratios, p99a, p99b, "ms");
        }
    }

    /** The query behind a first feed page: the newest 20 posts of the Feed index. */
    static void feedQuery(DynamoDbClient dynamo, String table) {
        dynamo.query(q -> q.tableName(table).indexName("Feed").keyConditionExpression("feedPk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("FEED"))).scanIndexForward(false).limit(20));
    }

    /** {@code n} clients calling {@code call} for {@code length}: requests per second and p99 latency (ms). */
    static double[] clients(int n, Duration length, Runnable call) throws InterruptedException {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicBoolean go = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (go.get()) {
                    long t = System.nanoTime();
                    call.run();
                    latencies.add(System.nanoTime() - t);
                }
            }));
        }
        Thread.sleep(length);
        go.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double p99 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
        return new double[] {sorted.length / seconds, p99};
    }

    // ------------------------------------------------------------------ burst

    /**
     * 50 requests submitted at once through the local API, the OpenAI double answering text and images after 1 s
     * each: the ideal is that they take as long as one request alone (measured in the same run, interleaved), so
     * the figure is (one alone) ÷ (fifty at once).
     */
    static void burst(int pairs) throws Exception {
        try (OpenAiDouble openai = new OpenAiDouble()) {
            openai.delay(OpenAiDouble.CHAT, Duration.ofSeconds(1)).delay(OpenAiDouble.IMAGES, Duration.ofSeconds(1));
            // One user submits every request of the run (1 + pairs × 51), past the template's DailyPostsPerUser (20):
            // the quota is lifted for this stack through the template parameter, as a deployment would.
            Ends ends = new Ends();
            LocalCloud.Options options = LocalCloud.Options.inMemory(REPO)
                    .withEnvironment(Map.of("OPENAI_BASE_URL", openai.baseUrl(), "OPENAI_API_KEY", "sk-bench-double"))
                    .withParameters(Map.of("DailyPostsPerUser", "100000"))
                    .withListener(ends);
            try (LocalRuntime runtime = LocalRuntime.start(options, 0, "bench-token", false)) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                submitAndWait(runtime, http, ends, 1);  // warm-up: every function built once
                List<Double> ones = new ArrayList<>();
                List<Double> fifties = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < pairs; i++) {
                    double one = submitAndWait(runtime, http, ends, 1);
                    double fifty = submitAndWait(runtime, http, ends, 50);
                    ones.add(one);
                    fifties.add(fifty);
                    ratios.add(one / fifty);
                }
                report("50 requests at once, 1 s text + 1 s image: ideal (one alone) ÷ actual (fifty)", ratios, ones, fifties, "ms");
            }
        }
    }

    /**
     * The executions that have ended, by name (the request id), as the local Step Functions reports them: waiting on
     * these costs the stack nothing, where polling each request's status would put the bench's own reads on DynamoDB
     * Local (fifty GetItems every few milliseconds) beside the pipeline it measures.
     */
    static final class Ends implements HistoryListener {
        private final Set<String> ended = new HashSet<>();

        @Override
        public synchronized void onEvent(String execution, HistoryEvent event) {
            switch (event.type()) {
                case ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut, ExecutionAborted -> {
                    ended.add(execution);
                    notifyAll();
                }
                default -> {}
            }
        }

        /** Waits until every execution in {@code names} has ended; false if {@code deadline} (nanoTime) passes first. */
        synchronized boolean await(Collection<String> names, long deadline) throws InterruptedException {
            while (!ended.containsAll(names)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /**
     * Submits {@code n} requests at once and waits until each has ended (its execution has ended and its status is
     * terminal); milliseconds from first submit to last end.
     */
    static double submitAndWait(LocalRuntime runtime, HttpClient http, Ends ends, int n) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(3).toNanos();
        List<Thread> submitters = new ArrayList<>();
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < n; i++) {
            String topic = "Benchmark topic " + UUID.randomUUID();
            submitters.add(Thread.ofVirtual().start(() -> {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(runtime.url().resolve("/blogs"))
                            .header("Authorization", "Bearer " + runtime.token()).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"" + topic + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 202) {
                        throw new IllegalStateException("POST /blogs answered " + r.statusCode() + ": " + r.body());
                    }
                    ids.add(Json.read(r.body(), JsonNode.class).path("requestId").asText());
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : submitters) {
            t.join();
        }
        List<String> pending = new ArrayList<>(ids);
        if (pending.size() != n) {
            throw new IllegalStateException("only " + pending.size() + " of " + n + " submissions were accepted");
        }
        if (!ends.await(pending, deadline)) {
            throw new IllegalStateException("not every execution ended within 3 minutes");
        }
        // an execution ends after its last step wrote the request's outcome; check that it did
        while (!pending.isEmpty()) {
            pending.removeIf(id -> runtime.cloud().requests().find(id).map(r -> r.status().terminal()).orElse(false));
            if (!pending.isEmpty()) {
                Thread.sleep(20);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " requests did not end within 3 minutes");
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    // ------------------------------------------------------------------ helpers

    static void seed(LocalCloud cloud, int posts) {
        Instant now = Instant.now();
        for (int i = 0; i < posts; i++) {
            String id = UUID.randomUUID().toString();
            Instant at = now.minusSeconds(60L * i);
            cloud.requests().create(BlogRequest.queued(id, "bench", "topic " + i, PostOptions.DEFAULT, at));
            String bodyKey = cloud.content().putBody(id, "# Post " + i + "\n\nWords.");
            String imageKey = cloud.content().putImage(id, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
            Post post = new Post(id, id, "Post " + i, "Summary " + i, List.of("bench", "t" + (i % 5)), bodyKey, imageKey, 3,
                    "gpt-4.1-mini", "gpt-image-1", TokenUsage.text(1200, 900), new TokenUsage(0, 0, 1), new BigDecimal("0.01"),
                    "openai", false, at, 0);
            cloud.blogs().publish(post);
        }
    }

    static Path unpack(Path zip, Path dir) throws IOException {
        if (!Files.exists(zip)) {
            throw new IllegalStateException("build the zips first: ./mvnw -DskipTests package (" + zip + " is missing)");
        }
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = dir.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return dir;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String load() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void report(String what, List<Double> ratios, List<Double> a, List<Double> b, String unit) {
        System.out.printf("%s%n  ratio  median %.2f  (min %.2f, max %.2f) over %d interleaved pairs%n", what, median(ratios),
                min(ratios), max(ratios), ratios.size());
        System.out.printf("  A      median %.1f %s (min %.1f, max %.1f)%n", median(a), unit, min(a), max(a));
        System.out.printf("  B      median %.1f %s (min %.1f, max %.1f)%n", median(b), unit, min(b), max(b));
    }

    static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
