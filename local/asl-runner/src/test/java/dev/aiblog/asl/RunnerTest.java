package dev.aiblog.asl;

import static dev.aiblog.asl.Asl.json;
import static dev.aiblog.asl.Asl.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The runner as a whole: configuration, execution names, concurrency, abort. */
class RunnerTest {

    private static final StateMachineDefinition TWO_TASKS = StateMachineDefinition.parse("""
          {"StartAt": "First", "States": {
            "First": {"Type": "Task", "Resource": "first", "ResultPath": "$.first", "Next": "Second",
                      "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1}]},
            "Second": {"Type": "Task", "Resource": "second", "ResultPath": "$.second", "End": true}}}
          """);

    @Test
    void runsSeveralExecutionsConcurrentlyOnOneRunner() throws Exception {
        Map<String, AtomicInteger> firstAttempts = new ConcurrentHashMap<>();
        StateMachineRunner runner = StateMachineRunner.builder()
                .definition(TWO_TASKS)
                .timeScale(0.01)
                .taskHandler((resource, input) -> {
                    String id = input.get("id").textValue();
                    boolean even = Integer.parseInt(id.substring(4)) % 2 == 0;
                    if ("first".equals(resource)
                            && even
                            && firstAttempts
                                            .computeIfAbsent(id, k -> new AtomicInteger())
                                            .incrementAndGet()
                                    == 1) {
                        throw new TaskFailedException("Flaky", id);
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return json("\"" + resource + "-" + id + "\"");
                })
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<ExecutionResult>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                String id = "req-" + i;
                futures.add(pool.submit(() -> runner.run(id, json("{\"id\": \"" + id + "\"}"))));
            }
            for (int i = 0; i < 32; i++) {
                ExecutionResult result = futures.get(i).get(30, TimeUnit.SECONDS);
                int expectedEvents =
                        i % 2 == 0 ? 16 : 12; // a retry adds TaskFailed, TaskRetryScheduled, TaskScheduled, TaskStarted
                assertThat(result.executionName()).isEqualTo("req-" + i);
                assertThat(result.output())
                        .isEqualTo(
                                json("{\"id\": \"req-%d\", \"first\": \"first-req-%d\", \"second\": \"second-req-%d\"}"
                                        .formatted(i, i, i)));
                assertThat(result.history()).hasSize(expectedEvents);
                assertThat(result.history().getLast().id()).isEqualTo(expectedEvents);
                assertThat(Asl.events(result, HistoryEventType.TaskRetryScheduled))
                        .hasSize(i % 2 == 0 ? 1 : 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theExecutionInputIsCopiedSoTheCallerMayChangeItAfterwards() {
        ObjectNode input = (ObjectNode) json("{\"a\": 1}");
        StateMachineRunner runner = StateMachineRunner.builder()
                .definition(single("{\"Type\": \"Pass\", \"End\": true}"))
                .build();

        ExecutionResult result = runner.run("copy", input);
        input.put("a", 2);

        assertThat(result.output()).isEqualTo(json("{\"a\": 1}"));
        assertThat(result.history().getFirst().details().get("input")).isEqualTo(json("{\"a\": 1}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "a:b", "a/b", "a$b", "tab\there"})
    void refusesExecutionNamesThatStepFunctionsRefuses(String name) {
        StateMachineRunner runner = StateMachineRunner.builder()
                .definition(single("{\"Type\": \"Succeed\"}"))
                .build();

        assertThatThrownBy(() -> runner.run(name, json("{}"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesExecutionNamesLongerThan80CharactersAndAcceptsUuids() {
        StateMachineRunner runner = StateMachineRunner.builder()
                .definition(single("{\"Type\": \"Succeed\"}"))
                .build();

        assertThatThrownBy(() -> runner.run("x".repeat(81), json("{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(runner.run("0b7c9a3e-0d6f-4b8e-9f1a-2c3d4e5f6a7b", json("{}"))
                        .status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void requiresATaskHandlerWhenTheDefinitionHasTasks() {
        assertThatThrownBy(
                        () -> StateMachineRunner.builder().definition(TWO_TASKS).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taskHandler");
    }

    @Test
    void refusesANegativeTimeScaleAndAMalformedStateMachineArn() {
        assertThatThrownBy(() -> StateMachineRunner.builder().timeScale(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateMachineRunner.builder().timeScale(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateMachineRunner.builder().stateMachineArn("blog-pipeline"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInterruptedExecutionIsAborted() throws Exception {
        StateMachineRunner runner = StateMachineRunner.builder()
                .definition(single("{\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}"))
                .build();
        AtomicReference<ExecutionResult> result = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            result.set(runner.run("stopped", json("{}")));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });

        Thread.sleep(200);
        thread.interrupt();
        thread.join(5_000);

        assertThat(result.get().status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(result.get().history().getLast().type()).isEqualTo(HistoryEventType.ExecutionAborted);
        assertThat(stillInterrupted.get()).isTrue();
    }
}
