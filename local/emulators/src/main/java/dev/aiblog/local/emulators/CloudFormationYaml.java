package dev.aiblog.local.emulators;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/**
 * Reads a CloudFormation / SAM template written in YAML into a Jackson tree, turning the
 * short-form intrinsic tags into their long JSON form as CloudFormation does: {@code !Ref X}
 * becomes {@code {"Ref": "X"}}, {@code !GetAtt X.Arn} becomes {@code {"Fn::GetAtt": ["X", "Arn"]}},
 * {@code !Condition C} becomes {@code {"Condition": "C"}} and any other {@code !Name v} becomes
 * {@code {"Fn::Name": v}} ({@code !Sub}, {@code !If}, {@code !Join}, {@code !Select}, ...).
 *
 * <p>A plain {@code ObjectMapper} over YAML drops the tags, which silently turns
 * {@code !Ref QueueMaxReceiveCount} into the string {@code "QueueMaxReceiveCount"}; this reader
 * walks the parser's tokens and asks for each value's tag. Used by {@link TemplateResources}
 * and by the local runtime for the rest of the template (functions, state machine).
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html">Intrinsic function reference</a>
 */
public final class CloudFormationYaml {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() {}

    /**
     * @param source how error messages name the template, e.g. its path
     * @throws TemplateException when the text is not YAML or a {@code !GetAtt} is malformed
     */
    public static JsonNode read(String yaml, String source) {
        try (Reader reader = new StringReader(yaml);
                YAMLParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new TemplateException(source + " is empty");
            }
            return value(parser);
        } catch (IOException e) {
            throw new TemplateException(source + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static JsonNode value(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode node = switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default ->
                throw new TemplateException(
                        "unexpected YAML token " + parser.currentToken() + " at " + parser.currentLocation());
        };
        return tag == null ? node : intrinsic(tag, node, parser);
    }

    private static JsonNode intrinsic(String tag, JsonNode node, YAMLParser parser) {
        if (tag.startsWith("tag:yaml.org,2002:")) {
            // a core schema tag such as !!str: keep the value as written
            return tag.endsWith(":str") && !node.isTextual() ? NODES.textNode(node.asText()) : node;
        }
        ObjectNode call = NODES.objectNode();
        switch (tag) {
            case "Ref", "Condition" -> call.set(tag, node);
            case "GetAtt" -> {
                if (node.isTextual()) {
                    String text = node.asText();
                    int dot = text.indexOf('.');
                    if (dot <= 0 || dot == text.length() - 1) {
                        throw new TemplateException("!GetAtt " + text + " is not of the form Resource.Attribute (at "
                                + parser.currentLocation() + ")");
                    }
                    call.set(
                            "Fn::GetAtt",
                            NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1)));
                } else {
                    call.set("Fn::GetAtt", node);
                }
            }
            default -> call.set("Fn::" + tag, node);
        }
        return call;
    }
}
