package dev.aiblog.local.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aiblog.local.emulators.EmulatedAws;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code !Ref Function.Alias} resolves as SAM resolves it with {@code AutoPublishAlias}: the alias ARN. */
class FunctionAliasTest {
    final SamTemplate template = SamTemplate.load(EmulatedAws.findTemplate());
    final TemplateValues values = template.values(Map.of(), Map.of(), Map.of());

    @Test
    void everyFunctionPublishesTheLiveAliasFromGlobals() {
        assertThat(template.functions())
                .allSatisfy(f -> assertThat(template.alias(f.logicalId())).contains("live"));
    }

    @Test
    void refToAFunctionsAliasIsTheQualifiedFunctionArn() {
        var ref = JsonNodeFactory.instance.objectNode().put("Ref", "ModerateFunction.Alias");

        assertThat(values.text(ref)).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:ModerateFunction:live");
    }

    @Test
    void theStateMachineInvokesAliases() {
        var substitutions = template.stateMachine().substitutions();
        assertThat(substitutions).allSatisfy((name, value) -> {
            if (name.endsWith("FunctionArn")) {
                assertThat(values.text(value)).endsWith(":live");
            }
        });
        // the rest are the review's parameters, which no function needs to know
        assertThat(substitutions.keySet().stream().filter(name -> !name.endsWith("FunctionArn")))
                .containsExactlyInAnyOrder("ReviewMode", "ReviewTimeoutSeconds");
    }

    @Test
    void refToTheAliasOfSomethingWithoutOneIsRefused() {
        var ref = JsonNodeFactory.instance.objectNode().put("Ref", "RequestsTable.Alias");

        assertThatThrownBy(() -> values.text(ref)).hasMessageContaining("AutoPublishAlias");
    }
}
