package dev.aiblog.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiblog.asl.HistoryEvent;
import dev.aiblog.asl.HistoryEventType;
import dev.aiblog.core.Json;

/**
 * Maps the runner's history events to the {@code GetExecutionHistory} shape: each event's details go under the
 * field AWS uses for its type ({@code stateEnteredEventDetails}, {@code taskFailedEventDetails}, ...), with
 * {@code input}, {@code output} and {@code parameters} serialised to strings as AWS returns them.
 */
final class HistoryMapping {
    private HistoryMapping() {}

    static ObjectNode toAws(HistoryEvent event) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("timestamp", StepFunctionsEndpoint.epochSeconds(event.timestamp()));
        out.put("type", event.type().name());
        out.put("id", event.id());
        out.put("previousEventId", event.previousEventId());
        ObjectNode details = Json.mapper().createObjectNode();
        event.details().properties().forEach(e -> details.set(e.getKey(), stringify(e.getKey(), e.getValue())));
        if (event.stateName() != null && !details.has("name") && isState(event.type())) {
            details.put("name", event.stateName());
        }
        out.set(detailsField(event.type()), details);
        return out;
    }

    private static JsonNode stringify(String field, JsonNode value) {
        if (("input".equals(field) || "output".equals(field) || "parameters".equals(field)) && !value.isTextual()) {
            return Json.mapper().getNodeFactory().textNode(Json.write(value));
        }
        return value;
    }

    private static boolean isState(HistoryEventType type) {
        return type.name().endsWith("StateEntered") || type.name().endsWith("StateExited");
    }

    static String detailsField(HistoryEventType type) {
        String name = type.name();
        if (name.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (name.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1) + "EventDetails";
    }
}
