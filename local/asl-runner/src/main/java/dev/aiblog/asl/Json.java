package dev.aiblog.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.UncheckedIOException;

/** The one ObjectMapper and the one json-path configuration of this module. */
final class Json {

    /** The Step Functions payload quota: a state's input or output, and a task result, in UTF-8 bytes. */
    static final int MAX_PAYLOAD_BYTES = 262_144;

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    /** json-path over Jackson trees, with array indexes that miss reported as missing rather than as null. */
    static final Configuration JSONPATH = Configuration.builder()
            .jsonProvider(new StrictIndexProvider(MAPPER))
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .build();

    private Json() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int sizeInBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value for a cause message: the JSON text, shortened so a cause stays readable. */
    static String abbreviate(JsonNode node) {
        String text = compact(node);
        return text.length() <= 256 ? text : text.substring(0, 256) + "...";
    }

    /**
     * {@link JacksonJsonNodeJsonProvider} answers an out-of-range index with JSON null; Step Functions treats it as a
     * path that matches nothing, so throw the exception json-path expects for a miss.
     */
    private static final class StrictIndexProvider extends JacksonJsonNodeJsonProvider {

        StrictIndexProvider(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public Object getArrayIndex(Object obj, int idx) {
            int size = ((JsonNode) obj).size();
            if (idx < 0 || idx >= size) {
                throw new IndexOutOfBoundsException(idx);
            }
            return super.getArrayIndex(obj, idx);
        }
    }
}
