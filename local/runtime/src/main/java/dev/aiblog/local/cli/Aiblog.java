package dev.aiblog.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.asl.TaskFailedException;
import dev.aiblog.core.Json;
import dev.aiblog.local.LocalCloud;
import dev.aiblog.local.LocalRuntime;
import dev.aiblog.local.http.LoopbackHttpServers;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code aiblog} command: the deployed stack's path, on this machine, with no Docker and no AWS account. */
@Command(
        name = "aiblog",
        mixinStandardHelpOptions = true,
        version = "aiblog 0.1.0",
        description =
                "Runs the AI Blog Generator locally: embedded DynamoDB, SQS and S3, the real Lambda handlers, and the real state machine definition.",
        subcommands = {Aiblog.Generate.class, Aiblog.Serve.class, Aiblog.Invoke.class},
        footer = {
            "",
            "Environment: OPENAI_API_KEY, OPENAI_BASE_URL (neither: offline provider), AIBLOG_HOME (data, default .aiblog),",
            "AIBLOG_TIME_SCALE (scales ASL waits and retry delays), AIBLOG_DEV_TOKEN (the bearer token for serve),",
            "AIBLOG_IAM=off (let calls outside a function's role through, for debugging; on by default),",
            "REVIEW_MODE=REQUIRED (an editor approves every draft), REVIEW_TIMEOUT_SECONDS, AIBLOG_EDITORS=alice,bob."
        })
public final class Aiblog implements Runnable {
    static final int PUBLISHED = 0;
    static final int USAGE = 1;
    static final int REJECTED = 2;
    static final int FAILED = 3;
    static final Set<String> TERMINAL = Set.of("PUBLISHED", "REJECTED", "FAILED");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    Aiblog(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    LocalConfig config() {
        return LocalConfig.fromEnvironment(environment);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        LoopbackHttpServers.ensureNoDelay();
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line, reading its configuration from {@code environment} (the process environment in main). */
    public static CommandLine commandLine(Map<String, String> environment) {
        return new CommandLine(new Aiblog(environment)).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("aiblog: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return USAGE;
        });
    }

    @Command(
            name = "generate",
            description =
                    "Generates one post end to end (API → queue → dispatch → state machine → publish) and prints each step.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--json", description = "Print one JSON object on stdout: {requestId, status, reason, post}.")
        boolean json;

        @Option(names = "--audience", description = "general, beginner or expert")
        String audience;

        @Option(names = "--tone", description = "informative, conversational, playful or authoritative")
        String tone;

        @Option(names = "--length", description = "short, medium or long")
        String length;

        @Option(
                names = "--timeout",
                description = "Give up waiting after this many seconds (default ${DEFAULT-VALUE}).",
                defaultValue = "900")
        long timeoutSeconds;

        @Parameters(index = "0", paramLabel = "TOPIC", description = "What the post is about (3-200 characters).")
        String topic;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        Aiblog parent;

        @Override
        public Integer call() throws Exception {
            PrintWriter progress =
                    json ? spec.commandLine().getErr() : spec.commandLine().getOut();
            LocalConfig config = parent.config();
            java.util.Optional<ServeFile.Running> running = ServeFile.running(config.home());
            ObjectNode result;
            if (running.isPresent()) {
                // ./aiblog serve holds the data folder: send the request through it, the same path.
                progress.println(
                        "using the running ./aiblog serve at " + running.get().url());
                result = Generator.generate(
                        running.get().url(),
                        running.get().token(),
                        topic,
                        audience,
                        tone,
                        length,
                        Duration.ofSeconds(timeoutSeconds),
                        progress,
                        java.util.Optional::empty);
            } else {
                progress.println(config.providerLine());
                try (LocalRuntime runtime =
                        LocalRuntime.start(config.options(new StepPrinter(progress)), 0, config.token(), false)) {
                    // A call the template's roles do not allow will be refused every time: stop at the first, and name
                    // it.
                    java.util.concurrent.atomic.AtomicReference<String> refused =
                            new java.util.concurrent.atomic.AtomicReference<>();
                    runtime.cloud().aws().gateway().onRefusal(entry -> {
                        if (entry.enforced()) {
                            refused.compareAndSet(
                                    null,
                                    entry.principal().map(p -> p.logicalId()).orElse("an unknown caller")
                                            + " was refused " + entry.action() + " on " + entry.resource() + ": "
                                            + entry.reason()
                                            + " (template.yaml: add it to "
                                            + entry.principal()
                                                    .map(p -> p.logicalId())
                                                    .orElse("the function")
                                            + "'s Policies if the function needs it)");
                        }
                    });
                    result = Generator.generate(
                            runtime.url(),
                            runtime.token(),
                            topic,
                            audience,
                            tone,
                            length,
                            Duration.ofSeconds(timeoutSeconds),
                            progress,
                            () -> java.util.Optional.ofNullable(refused.get()));
                }
            }
            if (json) {
                spec.commandLine().getOut().println(Json.write(result));
            } else {
                Generator.printHuman(result, progress);
            }
            return switch (result.path("status").asText()) {
                case "PUBLISHED" -> PUBLISHED;
                case "REJECTED" -> REJECTED;
                case "INVALID" -> USAGE;
                default -> FAILED;
            };
        }
    }

    @Command(
            name = "serve",
            description = "Serves the HTTP API on localhost, polls the queue, runs executions; Ctrl-C stops.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE}).", defaultValue = "3000")
        int port;

        @Option(names = "--schedule", description = "Also fire the schedule function at the template's rate.")
        boolean schedule;

        @Option(
                names = "--no-iam",
                description =
                        "Let AWS calls outside a function's role through (logged as WOULD-DENY): for debugging a policy only.")
        boolean noIam;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        Aiblog parent;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            LocalConfig config = noIam ? parent.config().withoutIam() : parent.config();
            if (!config.enforceIam()) {
                out.println(
                        "IAM is OFF: calls outside a function's role are logged, not refused (the deployed stack refuses them)");
            }
            LocalRuntime runtime =
                    LocalRuntime.start(config.options(new StepPrinter(out)), port, config.token(), schedule);
            ServeFile.write(config.home(), runtime.url(), runtime.token());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ServeFile.delete(config.home());
                runtime.close();
                stopped.countDown();
            }));
            out.println(config.providerLine());
            if (!runtime.recovery().restarted().isEmpty()
                    || !runtime.recovery().requeued().isEmpty()) {
                out.printf(
                        "recovered after a restart: %d execution(s) restarted, %d request(s) re-queued%n",
                        runtime.recovery().restarted().size(),
                        runtime.recovery().requeued().size());
            }
            out.println("AI Blog Generator API: " + runtime.url());
            out.println("dev token (Authorization: Bearer ...): " + runtime.token());
            out.println("data: " + config.home());
            out.println("try:   curl " + runtime.url() + "/feed");
            out.flush();
            stopped.await();
            return 0;
        }
    }

    @Command(
            name = "invoke",
            description = "Invokes one function with an event file, like `sam local invoke`, and prints its response.")
    static final class Invoke implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "FUNCTION",
                description = "The function's logical id in template.yaml, e.g. GenerateTextFunction.")
        String function;

        @Parameters(
                index = "1",
                paramLabel = "EVENT",
                description = "A JSON event file, e.g. events/generate-text.json.")
        Path event;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        Aiblog parent;

        @Override
        public Integer call() throws IOException {
            LocalConfig config = parent.config();
            dev.aiblog.local.sam.SamTemplate.load(config.repository().resolve("template.yaml"))
                    .function(function);
            if (!Files.isReadable(event)) {
                throw new IllegalArgumentException("cannot read the event file " + event);
            }
            byte[] input = Files.readAllBytes(event);
            try (LocalCloud cloud = LocalCloud.start(config.options((name, e) -> {}))) {
                int exit;
                try {
                    byte[] output = cloud.functions().invokeRaw(function, input);
                    spec.commandLine().getOut().println(new String(output, StandardCharsets.UTF_8));
                    exit = 0;
                } catch (TaskFailedException e) {
                    spec.commandLine().getOut().println(e.cause());
                    exit = FAILED;
                }
                // a call outside the function's role fails deployed, even where the function copes with the error
                var refusals = cloud.aws().refusals();
                refusals.forEach(
                        r -> spec.commandLine().getOut().println("refused by IAM: " + r.summary() + ": " + r.reason()));
                return refusals.isEmpty() ? exit : FAILED;
            }
        }
    }

    /** Drives one request through the local HTTP API, as a client of the deployed stack would. */
    static final class Generator {
        private Generator() {}

        /**
         * @param blocked says why the request cannot make progress (a call the stack refuses), to stop waiting
         */
        static ObjectNode generate(
                URI base,
                String token,
                String topic,
                String audience,
                String tone,
                String length,
                Duration timeout,
                PrintWriter progress,
                java.util.function.Supplier<java.util.Optional<String>> blocked)
                throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            ObjectNode body = Json.mapper().createObjectNode().put("topic", topic);
            if (audience != null) body.put("audience", audience);
            if (tone != null) body.put("tone", tone);
            if (length != null) body.put("length", length);
            HttpResponse<String> accepted = http.send(
                    HttpRequest.newBuilder(base.resolve("/blogs"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            ObjectNode result = Json.mapper().createObjectNode();
            if (accepted.statusCode() != 202) {
                JsonNode error = Json.mapper().readTree(accepted.body()).path("error");
                result.putNull("requestId");
                result.put("status", "INVALID");
                result.put("reason", error.path("message").asText(accepted.body()));
                result.putNull("post");
                return result;
            }
            String requestId =
                    Json.mapper().readTree(accepted.body()).path("requestId").asText();
            progress.println("request " + requestId + " accepted (QUEUED)");
            Instant deadline = Instant.now().plus(timeout);
            JsonNode request;
            String last = "QUEUED";
            java.util.Optional<String> refusal = java.util.Optional.empty();
            while (true) {
                request = getJson(http, base.resolve("/requests/" + requestId), token);
                String status = request.path("status").asText();
                String now = status
                        + (request.hasNonNull("step") && status.equals("RUNNING")
                                ? " " + request.get("step").asText()
                                : "");
                if (!now.equals(last)) {
                    progress.println("request " + now);
                    last = now;
                }
                if (TERMINAL.contains(status) || Instant.now().isAfter(deadline)) {
                    break;
                }
                refusal = blocked.get();
                if (refusal.isPresent()) {
                    progress.println("refused by IAM: " + refusal.get());
                    break;
                }
                Thread.sleep(150);
            }
            result.put("requestId", requestId);
            result.put("status", request.path("status").asText());
            if (refusal.isPresent()) {
                result.put("reason", "refused by IAM: " + refusal.get());
            } else if (request.hasNonNull("reason")) {
                result.put("reason", request.get("reason").asText());
            } else if (!TERMINAL.contains(request.path("status").asText())) {
                result.put(
                        "reason", "still " + request.path("status").asText() + " after " + timeout.toSeconds() + " s");
            } else {
                result.putNull("reason");
            }
            if ("PUBLISHED".equals(request.path("status").asText())) {
                JsonNode post = getJson(
                        http, base.resolve("/blogs/" + request.path("postId").asText()), null);
                ObjectNode out = result.putObject("post");
                for (String field : new String[] {"id", "title", "summary", "body", "tags", "imageUrl", "costUsd"}) {
                    out.set(field, post.get(field));
                }
                out.set("offline", post.get("offline"));
            } else {
                result.putNull("post");
            }
            return result;
        }

        static void printHuman(ObjectNode result, PrintWriter out) {
            out.println();
            out.println(result.path("status").asText()
                    + (result.hasNonNull("reason") ? ": " + result.get("reason").asText() : ""));
            JsonNode post = result.path("post");
            if (!post.isMissingNode() && !post.isNull()) {
                out.println("title:    " + post.path("title").asText());
                out.println("summary:  " + post.path("summary").asText());
                out.println("tags:     " + post.path("tags"));
                out.println("cost:     $" + post.path("costUsd").asText());
                out.println("post id:  " + post.path("id").asText() + " (see it with ./aiblog serve, GET /blogs/"
                        + post.path("id").asText() + ")");
                if (post.path("offline").asBoolean(false)) {
                    out.println("note:     written by the OFFLINE provider; set OPENAI_API_KEY for real posts");
                }
            }
        }

        private static JsonNode getJson(HttpClient http, URI uri, String token)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(
                        "GET " + uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
            }
            return Json.mapper().readTree(response.body());
        }
    }
}
