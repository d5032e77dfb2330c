package dev.aiblog.local.iam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides whether a request is signed, as AWS checks it, with credentials the gateway issued: the
 * access key, the session token, the credential scope's region, the time (a presigned URL's expiry,
 * a header-signed request's 15 minutes of allowed skew), the signature, and for S3 the body's
 * SHA-256 and the signing of every {@code x-amz-*} header.
 */
final class Authenticator {

    /** Credentials the gateway issued and the policy of the role they carry. */
    record Issued(LambdaCredentials credentials, Policy policy) {}

    /** The outcome of authenticating one request. */
    sealed interface Outcome permits Authenticated, Refused {
        AwsService service();
    }

    record Authenticated(AwsService service, SigV4Auth auth, Issued issued) implements Outcome {}

    record Refused(
            AwsService service,
            Refusal refusal,
            String message,
            Map<String, String> s3Details,
            boolean presigned,
            Optional<Principal> principal)
            implements Outcome {}

    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String UNKNOWN_KEY_S3 = "The AWS Access Key Id you provided does not exist in our records.";

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock;

    Authenticator(Clock clock) {
        this.clock = clock;
    }

    void register(LambdaCredentials credentials, Policy policy) {
        issued.put(credentials.accessKeyId(), new Issued(credentials, policy));
    }

    Outcome authenticate(AwsRequest request) {
        SigV4Auth auth;
        try {
            auth = SigV4Auth.parse(request);
        } catch (SigV4Auth.Malformed e) {
            AwsService service = AwsService.byTarget(request.header("x-amz-target"));
            boolean presigned = request.queryParameter("X-Amz-Algorithm").isPresent()
                    || request.queryParameter("X-Amz-Signature").isPresent();
            if (e.missing()) {
                return refused(
                        service,
                        Refusal.MISSING_AUTHENTICATION,
                        service.isJson() ? "Request is missing Authentication Token" : "Access Denied",
                        Map.of(),
                        false,
                        null);
            }
            return refused(service, Refusal.MALFORMED_AUTHORIZATION, e.getMessage(), Map.of(), presigned, null);
        }
        Optional<AwsService> signedFor = AwsService.bySigningName(auth.service());
        if (signedFor.isEmpty()) {
            return refused(
                    AwsService.byTarget(request.header("x-amz-target")),
                    Refusal.NO_BACKEND,
                    "the local IAM gateway does not front the service '" + auth.service()
                            + "' named in the credential scope " + auth.scope(),
                    Map.of(),
                    auth.presigned(),
                    null);
        }
        AwsService service = signedFor.get();
        Issued caller = issued.get(auth.accessKeyId());
        if (caller == null) {
            return refused(
                    service,
                    Refusal.UNKNOWN_ACCESS_KEY,
                    service.isJson() ? ErrorResponses.INVALID_TOKEN_MESSAGE : UNKNOWN_KEY_S3,
                    Map.of("AWSAccessKeyId", auth.accessKeyId()),
                    auth.presigned(),
                    null);
        }
        Principal principal = caller.credentials().principal();
        if (auth.securityToken().isEmpty()) {
            return refused(
                    service,
                    Refusal.MISSING_SESSION_TOKEN,
                    service.isJson() ? ErrorResponses.INVALID_TOKEN_MESSAGE : UNKNOWN_KEY_S3,
                    Map.of("AWSAccessKeyId", auth.accessKeyId()),
                    auth.presigned(),
                    principal);
        }
        if (!auth.securityToken().get().equals(caller.credentials().sessionToken())) {
            return refused(
                    service,
                    Refusal.INVALID_SESSION_TOKEN,
                    service.isJson()
                            ? ErrorResponses.INVALID_TOKEN_MESSAGE
                            : "The provided token is malformed or otherwise invalid.",
                    Map.of("Token-0", auth.securityToken().get()),
                    auth.presigned(),
                    principal);
        }
        if (!auth.region().equals(LocalAccount.REGION)) {
            return refused(
                    service,
                    Refusal.MALFORMED_AUTHORIZATION,
                    service.isJson()
                            ? "Credential should be scoped to a valid region. The local stack runs in "
                                    + LocalAccount.REGION + ", not " + auth.region() + "."
                            : "The authorization header is malformed; the region '" + auth.region()
                                    + "' is wrong; expecting '" + LocalAccount.REGION + "'",
                    Map.of("Region", LocalAccount.REGION),
                    auth.presigned(),
                    principal);
        }
        Optional<Refused> tooLate = checkTime(service, auth, principal);
        if (tooLate.isPresent()) {
            return tooLate.get();
        }
        SigV4Verifier.Computed computed =
                SigV4Verifier.compute(request, auth, caller.credentials().secretAccessKey());
        if (!SigV4Verifier.matches(auth, computed)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("AWSAccessKeyId", auth.accessKeyId());
            details.put("StringToSign", computed.stringToSign());
            details.put("SignatureProvided", auth.signature());
            details.put("CanonicalRequest", computed.canonicalRequest());
            return refused(
                    service,
                    Refusal.SIGNATURE_MISMATCH,
                    service == AwsService.S3
                            ? "The request signature we calculated does not match the signature you provided. Check your key and signing method."
                            : ErrorResponses.SIGNATURE_MISMATCH_MESSAGE,
                    details,
                    auth.presigned(),
                    principal);
        }
        return checkPayload(request, service, auth, principal)
                .map(Outcome.class::cast)
                .orElseGet(() -> new Authenticated(service, auth, caller));
    }

    private Optional<Refused> checkTime(AwsService service, SigV4Auth auth, Principal principal) {
        Instant now = clock.instant();
        if (auth.presigned()) {
            Instant expires = auth.signedAt().plus(auth.expires().orElseThrow());
            if (now.isAfter(expires)) {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("X-Amz-Expires", Long.toString(auth.expires().get().toSeconds()));
                details.put("Expires", expires.toString());
                details.put("ServerTime", now.toString());
                return Optional.of(
                        refused(service, Refusal.REQUEST_EXPIRED, "Request has expired", details, true, principal));
            }
            if (auth.signedAt().isAfter(now.plus(MAX_SKEW))) {
                return Optional.of(refused(
                        service,
                        Refusal.REQUEST_EXPIRED,
                        "Request is not yet valid",
                        Map.of("ServerTime", now.toString()),
                        true,
                        principal));
            }
            return Optional.empty();
        }
        boolean tooOld = auth.signedAt().isBefore(now.minus(MAX_SKEW));
        boolean tooNew = auth.signedAt().isAfter(now.plus(MAX_SKEW));
        if (!tooOld && !tooNew) {
            return Optional.empty();
        }
        String message = service.isJson()
                ? tooOld
                        ? "Signature expired: " + auth.amzDate() + " is now earlier than "
                                + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)"
                        : "Signature not yet current: " + auth.amzDate() + " is still later than "
                                + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)"
                : "The difference between the request time and the current time is too large.";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("RequestTime", auth.amzDate());
        details.put("ServerTime", now.toString());
        details.put("MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW.toMillis()));
        return Optional.of(refused(service, Refusal.TIME_SKEWED, message, details, false, principal));
    }

    private static Optional<Refused> checkPayload(
            AwsRequest request, AwsService service, SigV4Auth auth, Principal principal) {
        Optional<String> declared = request.header("x-amz-content-sha256");
        if (declared.isPresent() && HEX_SHA256.matcher(declared.get()).matches()) {
            String actual = SigV4Verifier.hex(SigV4Verifier.sha256(request.body()));
            if (!actual.equals(declared.get())) {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("ClientComputedContentSHA256", declared.get());
                details.put("S3ComputedContentSHA256", actual);
                return Optional.of(refused(
                        service,
                        service == AwsService.S3 ? Refusal.CONTENT_SHA256_MISMATCH : Refusal.SIGNATURE_MISMATCH,
                        service == AwsService.S3
                                ? "The provided 'x-amz-content-sha256' header does not match what was computed."
                                : ErrorResponses.SIGNATURE_MISMATCH_MESSAGE,
                        details,
                        auth.presigned(),
                        principal));
            }
        }
        if (service == AwsService.S3 && !auth.presigned()) {
            List<String> unsigned = new ArrayList<>();
            for (String name : request.headers().keySet()) {
                if (name.startsWith("x-amz-") && !auth.signedHeaders().contains(name)) {
                    unsigned.add(name);
                }
            }
            if (!unsigned.isEmpty()) {
                return Optional.of(refused(
                        service,
                        Refusal.ACCESS_DENIED,
                        "There were headers present in the request which were not signed",
                        Map.of("HeadersNotSigned", String.join(", ", unsigned)),
                        false,
                        principal));
            }
        }
        return Optional.empty();
    }

    private static Refused refused(
            AwsService service,
            Refusal refusal,
            String message,
            Map<String, String> s3Details,
            boolean presigned,
            Principal principal) {
        return new Refused(service, refusal, message, s3Details, presigned, Optional.ofNullable(principal));
    }
}
