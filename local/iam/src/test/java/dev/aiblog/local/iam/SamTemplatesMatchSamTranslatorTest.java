package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every SAM policy template {@link SamPolicyTemplates} expands gives the same statements as
 * samtranslator (what {@code sam deploy} runs), with the same parameter values. Skipped, saying
 * why, where python3 with samtranslator is not installed.
 */
class SamTemplatesMatchSamTranslatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String unavailable;

    @BeforeAll
    static void checkSamTranslator() {
        unavailable = probe();
    }

    @Test
    void everySupportedTemplateExpandsAsSamTranslatorDoes() throws Exception {
        assumeTrue(unavailable == null, () -> "samtranslator comparison skipped: " + unavailable);
        Map<String, Map<String, String>> request = new LinkedHashMap<>();
        for (String name : SamPolicyTemplates.names()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String parameter : SamPolicyTemplates.parameters(name)) {
                values.put(
                        parameter,
                        parameter.equals("SecretArn")
                                ? "arn:aws:secretsmanager:us-east-1:000000000000:secret:aiblog/openai-api-key*"
                                : "value-of-" + parameter);
            }
            request.put(name, values);
        }

        JsonNode expanded = runSamTranslator(JSON.writeValueAsString(request));

        assertThat(SamPolicyTemplates.names()).hasSize(14);
        for (String name : SamPolicyTemplates.names()) {
            JsonNode theirs = expanded.get(name);
            assertThat(theirs).as("samtranslator has the template %s", name).isNotNull();
            assertThat(theirs.isNull())
                    .as("samtranslator has the template %s", name)
                    .isFalse();
            List<Statement> ours =
                    SamPolicyTemplates.expand(name, request.get(name)).statements();
            assertThat(ours).as("%s statements", name).hasSize(theirs.size());
            for (int i = 0; i < ours.size(); i++) {
                JsonNode their = theirs.get(i);
                Statement our = ours.get(i);
                assertThat(our.effect().json())
                        .as("%s Effect", name)
                        .isEqualTo(their.get("Effect").asText());
                assertThat(our.actions()).as("%s Action", name).containsExactlyElementsOf(strings(their.get("Action")));
                assertThat(our.resources())
                        .as("%s Resource", name)
                        .containsExactlyElementsOf(strings(their.get("Resource")));
                assertThat(our.notAction() || our.notResource()).isFalse();
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static JsonNode runSamTranslator(String request) throws Exception {
        Path script = Files.createTempFile("expand_sam_policy_templates", ".py");
        try (InputStream in =
                SamTemplatesMatchSamTranslatorTest.class.getResourceAsStream("/expand_sam_policy_templates.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process process = new ProcessBuilder("python3", script.toString())
                    .redirectErrorStream(false)
                    .start();
            process.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue())
                    .as("python3 expand_sam_policy_templates.py: %s", err)
                    .isZero();
            return JSON.readTree(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Null when python3 can import samtranslator, else why not. */
    private static String probe() {
        try {
            Process process = new ProcessBuilder(
                            "python3", "-c", "import samtranslator; print(samtranslator.__version__)")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "python3 -c 'import samtranslator' did not finish within 60 s";
            }
            return process.exitValue() == 0 ? null : "python3 cannot import samtranslator (" + out + ")";
        } catch (IOException e) {
            return "no python3 on the PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
