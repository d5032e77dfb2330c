package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/Requests";

    @Test
    void explicitDenyBeatsAllow_whateverTheOrder() {
        Statement allowAll = Statement.allow("allow-all", List.of("dynamodb:*"), List.of("*"));
        Statement denyDelete = Statement.deny("deny-delete", List.of("dynamodb:DeleteItem"), List.of(TABLE));

        Decision denyLast = Policy.of(allowAll, denyDelete).evaluate("dynamodb:DeleteItem", TABLE);
        Decision denyFirst = Policy.of(denyDelete, allowAll).evaluate("dynamodb:DeleteItem", TABLE);

        assertThat(denyLast.outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(denyLast.statement()).contains(denyDelete);
        assertThat(denyFirst.outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(Policy.of(allowAll, denyDelete)
                        .evaluate("dynamodb:GetItem", TABLE)
                        .allowed())
                .isTrue();
    }

    @Test
    void nothingApplies_isAnImplicitDenyWithoutStatement() {
        Policy policy = Policy.of(Statement.allow("read", List.of("dynamodb:GetItem"), List.of(TABLE)));

        Decision decision = policy.evaluate("dynamodb:PutItem", TABLE);

        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(decision.statement()).isEmpty();
        assertThat(decision.describe()).isEqualTo("no statement");
        assertThat(Policy.empty().evaluate("dynamodb:GetItem", TABLE).allowed()).isFalse();
    }

    @Test
    void actionsMatchCaseInsensitively_resourcesCaseSensitively() {
        Policy policy = Policy.of(Statement.allow("s", List.of("DynamoDB:getitem"), List.of(TABLE)));

        assertThat(policy.evaluate("dynamodb:GetItem", TABLE).allowed()).isTrue();
        assertThat(policy.evaluate("dynamodb:GetItem", TABLE.replace("Requests", "requests"))
                        .allowed())
                .isFalse();
    }

    @Test
    void starAndQuestionMarkWildcards() {
        Policy policy = Policy.of(Statement.allow(
                "s",
                List.of("sqs:SendMessage*", "s3:Get?bject"),
                List.of("arn:aws:sqs:us-east-1:000000000000:requests-*", "arn:aws:s3:::content/images/*")));

        assertThat(policy.evaluate("sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:requests-dev")
                        .allowed())
                .isTrue();
        assertThat(policy.evaluate("sqs:SendMessageBatch", "arn:aws:sqs:us-east-1:000000000000:requests-")
                        .allowed())
                .isTrue();
        assertThat(policy.evaluate("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:000000000000:requests-dev")
                        .allowed())
                .isFalse();
        assertThat(policy.evaluate("s3:GetObject", "arn:aws:s3:::content/images/a/b.png")
                        .allowed())
                .isTrue();
        assertThat(policy.evaluate("s3:GetObjectVersion", "arn:aws:s3:::content/images/a.png")
                        .allowed())
                .isFalse();
        assertThat(policy.evaluate("s3:GetObject", "arn:aws:s3:::content/posts/a.md")
                        .allowed())
                .isFalse();
    }

    @Test
    void wildcardCharactersInAnArnAreLiteralElsewhere() {
        Policy policy =
                Policy.of(Statement.allow("s", List.of("s3:GetObject"), List.of("arn:aws:s3:::content/a.b(c)[d]+")));

        assertThat(policy.evaluate("s3:GetObject", "arn:aws:s3:::content/a.b(c)[d]+")
                        .allowed())
                .isTrue();
        assertThat(policy.evaluate("s3:GetObject", "arn:aws:s3:::content/aXb(c)[d]+")
                        .allowed())
                .isFalse();
    }

    @Test
    void notActionAllowsEverythingElse() throws Exception {
        Policy policy = Policy.fromDocument(json("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "NotAction": ["dynamodb:Delete*", "dynamodb:BatchWriteItem"], "Resource": "*"}
                ]}"""), "not-action");

        assertThat(policy.evaluate("dynamodb:GetItem", TABLE).allowed()).isTrue();
        assertThat(policy.evaluate("s3:PutObject", "arn:aws:s3:::content/x").allowed())
                .isTrue();
        assertThat(policy.evaluate("dynamodb:DeleteItem", TABLE).allowed()).isFalse();
        assertThat(policy.evaluate("dynamodb:BatchWriteItem", TABLE).allowed()).isFalse();
    }

    @Test
    void notResourceDeniesAllButTheListed() throws Exception {
        Policy policy = Policy.fromDocument(json("""
                {"Statement": [
                  {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
                  {"Sid": "OnlyRequests", "Effect": "Deny", "Action": "dynamodb:*", "NotResource": "%s"}
                ]}""".formatted(TABLE)), "not-resource");

        Decision other = policy.evaluate("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:000000000000:table/Blogs");

        assertThat(policy.evaluate("dynamodb:GetItem", TABLE).allowed()).isTrue();
        assertThat(other.outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(other.describe()).contains("OnlyRequests").contains("Deny");
    }

    @Test
    void aConditionIsRefusedAtLoad_namingItsKey() throws Exception {
        JsonNode document = json("""
                {"Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
                  "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["u-1"]}}}]}""");

        assertThatThrownBy(() -> Policy.fromDocument(document, "leading-keys"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("leading-keys")
                .hasMessageContaining("dynamodb:LeadingKeys (ForAllValues:StringEquals)")
                .hasMessageContaining("does not understand");
    }

    @Test
    void malformedStatementsAreRefused() throws Exception {
        assertThatThrownBy(() -> Policy.fromDocument(
                        json("{\"Statement\": {\"Effect\": \"allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}"),
                        "p"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("Effect");
        assertThatThrownBy(() -> Policy.fromDocument(
                        json("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\"}}"), "p"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("Resource");
        assertThatThrownBy(() -> Policy.fromDocument(
                        json(
                                "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"NotAction\": \"s3:Get*\", \"Resource\": \"*\"}}"),
                        "p"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("exactly one of Action and NotAction");
        assertThatThrownBy(() -> Policy.fromDocument(
                        json(
                                "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Principal\": \"*\"}}"),
                        "p"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("Principal");
        assertThatThrownBy(() -> Policy.fromDocument(
                        json(
                                "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"GetObject\", \"Resource\": \"*\"}}"),
                        "p"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("service:Action");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
