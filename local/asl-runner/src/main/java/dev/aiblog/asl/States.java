package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The compiled state types. A {@code next} of {@code null} means the state is an End state. */
final class States {

    private States() {}

    sealed interface State permits Task, Pass, Choice, Wait, Succeed, Fail {
        String name();

        /** The ASL type name, which also prefixes the history event types ({@code TaskStateEntered}). */
        String type();
    }

    record Retrier(
            List<String> errorEquals,
            int intervalSeconds,
            int maxAttempts,
            double backoffRate,
            Integer maxDelaySeconds,
            boolean fullJitter) {

        boolean matches(String error) {
            return errorEquals.stream().anyMatch(pattern -> ErrorNames.matches(pattern, error));
        }

        /** The delay before retry number {@code attempt} (from 1), before jitter: interval x rate^(attempt-1), capped. */
        double delaySeconds(int attempt) {
            double delay = intervalSeconds * Math.pow(backoffRate, attempt - 1);
            return maxDelaySeconds == null ? delay : Math.min(delay, maxDelaySeconds);
        }
    }

    record Catcher(List<String> errorEquals, String next, ResultPath resultPath) {
        boolean matches(String error) {
            return errorEquals.stream().anyMatch(pattern -> ErrorNames.matches(pattern, error));
        }
    }

    /**
     * A Task state. {@code callback} when the Resource ends with {@code .waitForTaskToken}; at most one of
     * {@code timeoutSeconds}/{@code timeoutSecondsPath} and of {@code heartbeatSeconds}/{@code heartbeatSecondsPath}
     * is set, and heartbeats only on a callback task.
     */
    record Task(
            String name,
            String resource,
            boolean callback,
            SelectPath inputPath,
            PayloadTemplate parameters,
            PayloadTemplate resultSelector,
            ResultPath resultPath,
            SelectPath outputPath,
            Integer timeoutSeconds,
            JsonPathExpr timeoutSecondsPath,
            Integer heartbeatSeconds,
            JsonPathExpr heartbeatSecondsPath,
            List<Retrier> retriers,
            List<Catcher> catchers,
            String next)
            implements State {
        @Override
        public String type() {
            return "Task";
        }
    }

    record Pass(
            String name,
            SelectPath inputPath,
            PayloadTemplate parameters,
            JsonNode result,
            ResultPath resultPath,
            SelectPath outputPath,
            String next)
            implements State {
        @Override
        public String type() {
            return "Pass";
        }
    }

    record ChoiceBranch(ChoiceRule rule, String next) {}

    record Choice(
            String name, SelectPath inputPath, SelectPath outputPath, List<ChoiceBranch> choices, String defaultNext)
            implements State {
        @Override
        public String type() {
            return "Choice";
        }
    }

    record Wait(
            String name,
            SelectPath inputPath,
            SelectPath outputPath,
            Long seconds,
            JsonPathExpr secondsPath,
            Instant timestamp,
            JsonPathExpr timestampPath,
            String next)
            implements State {
        @Override
        public String type() {
            return "Wait";
        }
    }

    record Succeed(String name, SelectPath inputPath, SelectPath outputPath) implements State {
        @Override
        public String type() {
            return "Succeed";
        }
    }

    /** A Fail state's {@code ErrorPath} or {@code CausePath}: a Reference Path or an intrinsic function. */
    record StringSource(String field, JsonPathExpr path, Intrinsic.Call call) {
        String evaluate(Scope scope) {
            JsonNode value;
            if (path != null) {
                value = path.read(scope.input(), scope.context());
                if (value == null) {
                    throw StateError.runtime("The JSONPath '" + path + "' specified for the field '" + field
                            + "' could not be found in the input " + Json.abbreviate(scope.input()));
                }
            } else {
                value = Intrinsic.evaluate(call, scope);
            }
            if (!value.isTextual()) {
                throw StateError.runtime(
                        "The value of the field '" + field + "' must be a string, got " + Json.abbreviate(value));
            }
            return value.textValue();
        }
    }

    record Fail(String name, String error, String cause, StringSource errorPath, StringSource causePath)
            implements State {
        @Override
        public String type() {
            return "Fail";
        }
    }
}
