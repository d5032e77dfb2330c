package dev.aiblog.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier against AWS's published SigV4 examples, independent of the SDK. */
class SigV4VerifierTest {

    @Test
    void getVanilla_fromTheSigV4TestSuite() throws Exception {
        // aws-sig-v4-test-suite/get-vanilla
        AwsRequest request = request(
                "GET",
                "/",
                "",
                Map.of(
                        "Host", "example.amazonaws.com",
                        "X-Amz-Date", "20150830T123600Z",
                        "Authorization",
                                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                                        + " SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                "");

        SigV4Auth auth = SigV4Auth.parse(request);
        SigV4Verifier.Computed computed =
                SigV4Verifier.compute(request, auth, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

        assertThat(computed.canonicalRequest()).isEqualTo("""
                GET
                /

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(SigV4Verifier.matches(auth, computed)).isTrue();
        assertThat(SigV4Verifier.matches(auth, SigV4Verifier.compute(request, auth, "another secret")))
                .isFalse();
    }

    @Test
    void s3GetObject_fromTheS3Documentation() throws Exception {
        // "Example: GET Object" in the S3 API reference, sig-v4-header-based-auth
        AwsRequest request = request(
                "GET",
                "/test.txt",
                "",
                Map.of(
                        "Host", "examplebucket.s3.amazonaws.com",
                        "Range", "bytes=0-9",
                        "x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                        "x-amz-date", "20130524T000000Z",
                        "Authorization",
                                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
                "");

        SigV4Auth auth = SigV4Auth.parse(request);

        assertThat(SigV4Verifier.matches(
                        auth, SigV4Verifier.compute(request, auth, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .isTrue();
    }

    @Test
    void s3PresignedUrl_fromTheS3Documentation() throws Exception {
        // "Example: Presigned URL" in the S3 API reference, sigv4-query-string-auth
        AwsRequest request = request(
                "GET",
                "/test.txt",
                "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
                        + "&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                Map.of("Host", "examplebucket.s3.amazonaws.com"),
                "");

        SigV4Auth auth = SigV4Auth.parse(request);

        assertThat(auth.presigned()).isTrue();
        assertThat(auth.expires())
                .hasValueSatisfying(d -> assertThat(d.toHours()).isEqualTo(24));
        assertThat(SigV4Verifier.matches(
                        auth, SigV4Verifier.compute(request, auth, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .isTrue();
    }

    @Test
    void queryIsCanonicalizedSortedAndReencoded_pathDoubleEncodedOutsideS3() throws Exception {
        AwsRequest request = request(
                "GET",
                "/a%20b/c",
                "z=1&a=2&a=1&sp=a%20b&plus=a+b",
                Map.of(
                        "Host",
                        "h",
                        "X-Amz-Date",
                        "20150830T123600Z",
                        "My-Header",
                        "  a   b  ",
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=K/20150830/us-east-1/sqs/aws4_request, SignedHeaders=host;my-header;x-amz-date, Signature=x"),
                "body");

        String canonical = SigV4Verifier.canonicalRequest(request, SigV4Auth.parse(request));

        assertThat(canonical.lines().toList())
                .startsWith("GET", "/a%2520b/c", "a=1&a=2&plus=a%2Bb&sp=a%20b&z=1", "host:h", "my-header:a b");
        assertThat(canonical)
                .endsWith(SigV4Verifier.hex(SigV4Verifier.sha256("body".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void malformedAndMissingSignaturesAreTold() {
        assertThatThrownBy(() -> SigV4Auth.parse(request("GET", "/", "", Map.of("Host", "h"), "")))
                .isInstanceOfSatisfying(
                        SigV4Auth.Malformed.class, e -> assertThat(e.missing()).isTrue());
        assertThatThrownBy(() -> SigV4Auth.parse(
                        request("GET", "/", "", Map.of("Host", "h", "Authorization", "AWS AKID:sig"), "")))
                .isInstanceOfSatisfying(
                        SigV4Auth.Malformed.class,
                        e -> assertThat(e.getMessage()).contains("unsupported authorization scheme 'AWS'"));
        assertThatThrownBy(() -> SigV4Auth.parse(request(
                        "GET",
                        "/",
                        "",
                        Map.of(
                                "Host",
                                "h",
                                "X-Amz-Date",
                                "20150830T123600Z",
                                "Authorization",
                                "AWS4-HMAC-SHA256 Credential=K/20150831/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x"),
                        "")))
                .isInstanceOfSatisfying(
                        SigV4Auth.Malformed.class,
                        e -> assertThat(e.getMessage()).contains("Date in Credential scope does not match"));
    }

    private static AwsRequest request(
            String method, String path, String query, Map<String, String> headers, String body) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new AwsRequest(method, path, query, multi, body.getBytes(StandardCharsets.UTF_8));
    }
}
