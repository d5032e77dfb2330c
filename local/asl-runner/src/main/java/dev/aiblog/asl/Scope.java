package dev.aiblog.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a path, payload template or intrinsic function is evaluated against.
 *
 * @param input the data {@code $} refers to
 * @param context the context object {@code $$} refers to
 * @param uuids the source of {@code States.UUID()} values
 */
record Scope(JsonNode input, JsonNode context, Supplier<UUID> uuids) {

    Scope withInput(JsonNode newInput) {
        return new Scope(newInput, context, uuids);
    }
}
