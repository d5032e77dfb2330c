package dev.aiblog.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiblog.local.iam.ManagedPolicies;
import dev.aiblog.local.iam.Policy;
import dev.aiblog.local.iam.Principal;
import dev.aiblog.local.iam.Statement;
import dev.aiblog.local.sam.SamTemplate;
import dev.aiblog.local.sam.TemplateValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The roles the local stack enforces are the roles AWS would create: the repository's template.yaml is transformed
 * by AWS's own SAM translator (the Python {@code samtranslator} that {@code sam deploy} runs), and for every
 * function and the state machine the translated role's statements and managed policies, resolved against the same
 * local values, must be exactly the statements the local IAM model built.
 */
class RolesMatchSamTranslatorTest {
    private static JsonNode translated;
    private static SamTemplate sam;
    private static TemplateValues values;
    private static Map<Principal, Policy> localRoles;

    @BeforeAll
    static void translate() throws Exception {
        Path template = EmulatedAws.findTemplate();
        Path script = Files.createTempFile("sam-translate", ".py");
        try (InputStream in = RolesMatchSamTranslatorTest.class.getResourceAsStream("/sam-translate.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process check;
        try {
            check = new ProcessBuilder("python3", "-c", "import samtranslator")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            check = null;
        }
        assumeTrue(
                check != null && check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0,
                "python3 with samtranslator (AWS's SAM translator, installed with cfn-lint) is not available");
        Process run = new ProcessBuilder("python3", script.toString(), template.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = run.getInputStream().readAllBytes();
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue())
                .as("the SAM translator transforms template.yaml")
                .isZero();
        translated = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
        Files.deleteIfExists(script);

        sam = SamTemplate.load(template);
        values = sam.values(
                Map.of(
                        "RequestsTable",
                        "RequestsTable",
                        "BlogsTable",
                        "BlogsTable",
                        "IdempotencyTable",
                        "IdempotencyTable",
                        "ContentBucket",
                        "content-bucket",
                        "RequestsQueue",
                        "http://127.0.0.1:1/000000000000/RequestsQueue",
                        "CursorSigningSecret",
                        "arn:aws:secretsmanager:us-east-1:000000000000:secret:CursorSigningSecret-AbCdEf"),
                Map.of(
                        "RequestsTable.Arn",
                        "arn:aws:dynamodb:us-east-1:000000000000:table/RequestsTable",
                        "BlogsTable.Arn",
                        "arn:aws:dynamodb:us-east-1:000000000000:table/BlogsTable",
                        "IdempotencyTable.Arn",
                        "arn:aws:dynamodb:us-east-1:000000000000:table/IdempotencyTable",
                        "ContentBucket.Arn",
                        "arn:aws:s3:::content-bucket",
                        "RequestsQueue.Arn",
                        "arn:aws:sqs:us-east-1:000000000000:RequestsQueue",
                        "RequestsQueue.QueueName",
                        "RequestsQueue"),
                Map.of());
        localRoles = StackIam.roles(sam, values);
    }

    @Test
    void everyFunctionAndTheStateMachineHasTheRoleTheTranslatorCreates() {
        assertThat(localRoles).isNotEmpty();
        for (Map.Entry<Principal, Policy> local : localRoles.entrySet()) {
            String logicalId = local.getKey().logicalId();
            JsonNode role = translated.path("Resources").path(logicalId + "Role");
            assertThat(role.path("Type").asText())
                    .as("the translator creates %sRole", logicalId)
                    .isEqualTo("AWS::IAM::Role");
            assertThat(normalised(local.getValue()))
                    .as("the local role of %s", logicalId)
                    .isEqualTo(normalised(translatorRole(role)));
        }
    }

    @Test
    void noRoleGetsCloudWatchLogsFullAccess() {
        translated.path("Resources").properties().forEach(e -> {
            if ("AWS::IAM::Role".equals(e.getValue().path("Type").asText())) {
                assertThat(e.getValue()
                                .path("Properties")
                                .path("ManagedPolicyArns")
                                .toString())
                        .as(e.getKey())
                        .doesNotContain("CloudWatchLogsFullAccess");
            }
        });
    }

    private static Policy translatorRole(JsonNode role) {
        Policy policy = Policy.empty();
        for (JsonNode arn : role.path("Properties").path("ManagedPolicyArns")) {
            policy = policy.and(ManagedPolicies.named(values.text(arn)));
        }
        for (JsonNode inline : role.path("Properties").path("Policies")) {
            policy = policy.and(Policy.fromDocument(
                    values.json(inline.path("PolicyDocument")),
                    inline.path("PolicyName").asText()));
        }
        return policy;
    }

    /** Effect, actions and resources of each statement, order-free, without where each came from. */
    private static TreeSet<String> normalised(Policy policy) {
        TreeSet<String> out = new TreeSet<>();
        for (Statement s : policy.statements()) {
            List<String> actions = new ArrayList<>(s.actions());
            actions.replaceAll(a -> a.toLowerCase(java.util.Locale.ROOT));
            actions.sort(null);
            List<String> resources = new ArrayList<>(s.resources());
            resources.sort(null);
            out.add(s.effect()
                    + (s.notAction() ? " NOT" : " ")
                    + actions
                    + (s.notResource() ? " NOT" : " ")
                    + resources);
        }
        return out;
    }
}
