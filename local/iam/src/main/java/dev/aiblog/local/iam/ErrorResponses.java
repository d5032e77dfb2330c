package dev.aiblog.local.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The error each service answers for each {@link Refusal}, in its own protocol: JSON with
 * {@code __type} (DynamoDB, Step Functions, Secrets Manager), JSON plus the
 * {@code x-amzn-query-error} header that carries the Query-protocol error code (SQS), or REST-XML (S3).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html">S3 error responses</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html">DynamoDB errors</a>
 */
final class ErrorResponses {

    static final String SIGNATURE_MISMATCH_MESSAGE =
            "The request signature we calculated does not match the signature you provided."
                    + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final String INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";
    private static final String CORAL = "com.amazon.coral.service#";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How one refusal looks in the JSON protocols, and as a Query error code (SQS). */
    private record JsonError(int status, String type, int queryStatus, String queryCode) {}

    private ErrorResponses() {}

    /**
     * @param message what the error says (the AWS text where AWS has a fixed one)
     * @param s3Details extra elements of an S3 {@code <Error>} (e.g. {@code AWSAccessKeyId}), in order
     */
    static ServiceResponse refuse(
            AwsService service, Refusal refusal, String message, Map<String, String> s3Details, boolean presigned) {
        return service.isJson() ? json(service, refusal, message) : s3(refusal, message, s3Details, presigned);
    }

    private static ServiceResponse json(AwsService service, Refusal refusal, String message) {
        JsonError error = switch (refusal) {
            case MISSING_AUTHENTICATION ->
                new JsonError(400, "MissingAuthenticationTokenException", 403, "MissingAuthenticationToken");
            case MALFORMED_AUTHORIZATION ->
                new JsonError(400, "IncompleteSignatureException", 400, "IncompleteSignature");
            case UNKNOWN_ACCESS_KEY, MISSING_SESSION_TOKEN, INVALID_SESSION_TOKEN ->
                new JsonError(400, "UnrecognizedClientException", 403, "InvalidClientTokenId");
            case SIGNATURE_MISMATCH, REQUEST_EXPIRED, TIME_SKEWED, CONTENT_SHA256_MISMATCH ->
                new JsonError(400, "InvalidSignatureException", 403, "SignatureDoesNotMatch");
            case ACCESS_DENIED -> new JsonError(400, "AccessDeniedException", 403, "AccessDenied");
            case UNCLASSIFIABLE -> new JsonError(400, "UnknownOperationException", 400, "InvalidAction");
            case NO_BACKEND -> new JsonError(501, "NotImplementedException", 501, "NotImplemented");
            case BACKEND_UNAVAILABLE -> new JsonError(503, "ServiceUnavailableException", 503, "ServiceUnavailable");
        };
        boolean sqs = service == AwsService.SQS;
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", CORAL + error.type());
        // DynamoDB's AccessDeniedException says "Message"; the other errors say "message". The SDK reads either.
        body.put(service == AwsService.DYNAMODB && refusal == Refusal.ACCESS_DENIED ? "Message" : "message", message);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", service.contentType());
        headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.put("x-amzn-ErrorType", error.type());
        if (sqs) {
            // SQS's JSON protocol is Query-compatible: the SDK takes the error code from this header.
            headers.put("x-amzn-query-error", error.queryCode() + ";Sender");
        }
        return new ServiceResponse(
                sqs ? error.queryStatus() : error.status(),
                headers,
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ServiceResponse s3(Refusal refusal, String message, Map<String, String> details, boolean presigned) {
        record S3Error(int status, String code) {}
        S3Error error = switch (refusal) {
            case MISSING_AUTHENTICATION, REQUEST_EXPIRED, ACCESS_DENIED -> new S3Error(403, "AccessDenied");
            case MALFORMED_AUTHORIZATION ->
                new S3Error(400, presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed");
            case UNKNOWN_ACCESS_KEY, MISSING_SESSION_TOKEN -> new S3Error(403, "InvalidAccessKeyId");
            case INVALID_SESSION_TOKEN -> new S3Error(400, "InvalidToken");
            case SIGNATURE_MISMATCH -> new S3Error(403, "SignatureDoesNotMatch");
            case TIME_SKEWED -> new S3Error(403, "RequestTimeTooSkewed");
            case CONTENT_SHA256_MISMATCH -> new S3Error(400, "XAmzContentSHA256Mismatch");
            case UNCLASSIFIABLE -> new S3Error(501, "NotImplemented");
            case NO_BACKEND -> new S3Error(501, "NotImplemented");
            case BACKEND_UNAVAILABLE -> new S3Error(503, "ServiceUnavailable");
        };
        String requestId = requestId();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>")
                .append(error.code())
                .append("</Code><Message>")
                .append(escape(message))
                .append("</Message>");
        details.forEach((name, value) -> xml.append('<')
                .append(name)
                .append('>')
                .append(escape(value))
                .append("</")
                .append(name)
                .append('>'));
        xml.append("<RequestId>")
                .append(requestId)
                .append("</RequestId><HostId>")
                .append(hostId())
                .append("</HostId></Error>");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/xml");
        headers.put("x-amz-request-id", requestId);
        return new ServiceResponse(error.status(), headers, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * IAM's access-denied sentence. SQS writes the action in lower case ({@code sqs:sendmessage});
     * S3 quotes the resource.
     */
    static String accessDeniedMessage(
            AwsService service, Principal principal, String action, String resource, boolean explicit) {
        String shownAction = service == AwsService.SQS ? action.toLowerCase(Locale.ROOT) : action;
        String shownResource = service == AwsService.S3 ? "\"" + resource + "\"" : resource;
        return "User: " + principal.assumedRoleArn() + " is not authorized to perform: " + shownAction
                + " on resource: " + shownResource
                + (explicit
                        ? " with an explicit deny in an identity-based policy"
                        : " because no identity-based policy allows the " + shownAction + " action");
    }

    private static String requestId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            id.append("0123456789ABCDEF".charAt(RANDOM.nextInt(16)));
        }
        return id.toString();
    }

    private static String hostId() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
