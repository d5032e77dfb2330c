package dev.aiblog.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The project's own definition must load: anything in it that this runner would refuse should break here, in the
 * runner's build, as well as in the local runtime's.
 */
class ProjectDefinitionTest {

    private static final Path DEFINITION = Path.of("../../statemachine/blog-pipeline.asl.json");

    @Test
    void theProjectsStateMachineDefinitionLoadsWithItsSubstitutions() throws IOException {
        assumeTrue(Files.exists(DEFINITION), "no statemachine/blog-pipeline.asl.json next to this module");
        String text = Files.readString(DEFINITION);
        Map<String, String> substitutions = new TreeMap<>();
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(text);
        while (m.find()) {
            substitutions.put(m.group(1), "arn:aws:lambda:us-east-1:123456789012:function:" + m.group(1));
        }

        StateMachineDefinition definition = StateMachineDefinition.parse(text, substitutions);

        assertThat(definition.stateNames()).contains(definition.startAt());
        if (!substitutions.isEmpty()) {
            assertThatThrownBy(() -> StateMachineDefinition.parse(text, Map.of()))
                    .isInstanceOf(AslValidationException.class)
                    .hasMessageContaining("unresolved substitution");
        }
    }
}
