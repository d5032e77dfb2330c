package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsAndSecretsTest {

    @Test
    void mintedCredentialsLookLikeStsTemporaryOnes() {
        CredentialMint mint = new CredentialMint();
        Principal principal = Principal.of("PublishFunction");

        LambdaCredentials first = mint.mint(principal);
        LambdaCredentials second = mint.mint(principal);

        assertThat(first.accessKeyId()).matches("ASIA[A-Z0-9]{16}");
        assertThat(first.secretAccessKey()).hasSize(40);
        assertThat(first.sessionToken().length()).isGreaterThan(300);
        assertThat(Base64.getDecoder().decode(first.sessionToken().substring(17)))
                .isNotEmpty();
        assertThat(second.accessKeyId()).isNotEqualTo(first.accessKeyId());
        assertThat(second.secretAccessKey()).isNotEqualTo(first.secretAccessKey());
        assertThat(first.toString()).doesNotContain(first.secretAccessKey()).doesNotContain(first.sessionToken());
        assertThat(first.environment())
                .containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
    }

    @Test
    void principalNamesTheRoleSamCreatesAndTheLambdaSession() {
        Principal principal = Principal.of("PublishFunction");

        assertThat(principal.roleArn()).isEqualTo("arn:aws:iam::000000000000:role/PublishFunctionRole");
        assertThat(principal.assumedRoleArn())
                .isEqualTo("arn:aws:sts::000000000000:assumed-role/PublishFunctionRole/PublishFunction");
        assertThatThrownBy(() -> Principal.of("Publish-Function")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsHaveArnsWithASixCharacterSuffix_andNamesAreUnique() {
        LocalSecretsManager secrets = new LocalSecretsManager();

        String arn = secrets.create("aiblog/openai-api-key", "sk");

        assertThat(arn)
                .matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:aiblog/openai-api-key-[A-Za-z0-9]{6}");
        assertThat(secrets.arnOf("aiblog/openai-api-key")).contains(arn);
        assertThat(secrets.arnOf(arn)).contains(arn);
        assertThat(secrets.arnOf("arn:aws:secretsmanager:us-east-1:000000000000:secret:aiblog/openai-api-key"))
                .contains(arn);
        assertThat(secrets.arnOf("aiblog/openai")).isEmpty();
        assertThatThrownBy(() -> secrets.create("aiblog/openai-api-key", "again"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secrets.create("bad name!", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
