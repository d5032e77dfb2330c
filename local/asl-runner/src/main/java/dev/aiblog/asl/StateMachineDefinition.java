package dev.aiblog.asl;

import dev.aiblog.asl.States.State;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A parsed and validated Amazon States Language definition, ready for {@link StateMachineRunner}. Immutable and safe
 * to share between threads.
 *
 * <p>Everything this runner does not execute faithfully is refused here rather than at run time: see the module
 * README for the list.
 */
public final class StateMachineDefinition {

    private final String startAt;
    private final Map<String, State> states;
    private final Integer timeoutSeconds;
    private final String comment;

    private StateMachineDefinition(DefinitionParser.Parsed parsed) {
        this.startAt = parsed.startAt();
        this.states = parsed.states();
        this.timeoutSeconds = parsed.timeoutSeconds();
        this.comment = parsed.comment();
    }

    /**
     * Parses and validates {@code json}. Each {@code ${Name}} in a string value is first replaced by
     * {@code substitutions.get("Name")}, as SAM's {@code DefinitionSubstitutions} do.
     *
     * @param substitutions placeholder values; may be empty or {@code null}
     * @throws AslValidationException when the definition is invalid, uses something this runner does not support, or
     *     has a placeholder without a value
     */
    public static StateMachineDefinition parse(String json, Map<String, String> substitutions)
            throws AslValidationException {
        return new StateMachineDefinition(DefinitionParser.parse(json, substitutions));
    }

    /** {@link #parse(String, Map)} without substitutions. */
    public static StateMachineDefinition parse(String json) throws AslValidationException {
        return parse(json, Map.of());
    }

    /** The name of the first state. */
    public String startAt() {
        return startAt;
    }

    /** The state names, in definition order. */
    public Set<String> stateNames() {
        return states.keySet();
    }

    /** The top-level {@code TimeoutSeconds}, if any. */
    public OptionalInt timeoutSeconds() {
        return timeoutSeconds == null ? OptionalInt.empty() : OptionalInt.of(timeoutSeconds);
    }

    /** The top-level {@code Comment}, or {@code null}. */
    public String comment() {
        return comment;
    }

    State state(String name) {
        return states.get(name);
    }

    boolean hasTaskStates() {
        return states.values().stream().anyMatch(s -> s instanceof States.Task);
    }
}
