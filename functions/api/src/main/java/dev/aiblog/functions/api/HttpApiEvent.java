package dev.aiblog.functions.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The part of an API Gateway HTTP API event (payload format 2.0) the API reads, read by the project's own
 * mapper: the Lambda runtime's event classes (and joda-time with them) stay out of the function.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">payload format 2.0</a>
 */
public record HttpApiEvent(
        String version,
        String routeKey,
        String rawPath,
        String rawQueryString,
        Map<String, String> headers,
        Map<String, String> queryStringParameters,
        Map<String, String> pathParameters,
        String body,
        @JsonProperty("isBase64Encoded") boolean isBase64Encoded,
        RequestContext requestContext) {

    /** {@code requestContext}: the method, the stage, and the JWT authorizer's claims. */
    public record RequestContext(
            String routeKey, String stage, String requestId, String domainName, Http http, Authorizer authorizer) {}

    /** {@code requestContext.http}. */
    public record Http(String method, String path, String protocol, String sourceIp, String userAgent) {}

    /** {@code requestContext.authorizer}. */
    public record Authorizer(Jwt jwt) {}

    /** The JWT authorizer's claims; values are strings as API Gateway passes them, kept as JSON to read what came. */
    public record Jwt(Map<String, JsonNode> claims) {}
}
