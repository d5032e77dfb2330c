package dev.aiblog.local.iam;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM actions and resources of a path-style S3 REST request ({@code /<bucket>/<key>}).
 * Requests it cannot classify are refused with a message saying so, never let through.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html">S3 API operations and their actions</a>
 */
final class S3RequestClassifier {

    /** Query parameters that modify an operation without making it another one. */
    private static final Set<String> PLAIN_PARAMETERS = Set.of(
            "prefix",
            "delimiter",
            "max-keys",
            "continuation-token",
            "start-after",
            "fetch-owner",
            "encoding-type",
            "list-type",
            "marker",
            "key-marker",
            "upload-id-marker",
            "version-id-marker",
            "max-uploads",
            "max-parts",
            "part-number-marker",
            "versionId",
            "partNumber",
            "uploadId",
            "x-id",
            "response-content-type",
            "response-content-language",
            "response-expires",
            "response-cache-control",
            "response-content-disposition",
            "response-content-encoding",
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Date",
            "X-Amz-Expires",
            "X-Amz-SignedHeaders",
            "X-Amz-Signature",
            "X-Amz-Security-Token");

    private static final Pattern DELETE_KEY = Pattern.compile("<Key>(.*?)</Key>", Pattern.DOTALL);

    private S3RequestClassifier() {}

    static List<ResourceAction> classify(AwsRequest request) throws UnclassifiableRequestException {
        String path = request.rawPath();
        String rest = path.startsWith("/") ? path.substring(1) : path;
        int slash = rest.indexOf('/');
        String bucket = UriEncoding.decode(slash < 0 ? rest : rest.substring(0, slash));
        String key = slash < 0 ? "" : UriEncoding.decode(rest.substring(slash + 1));
        Set<String> subresources = new HashSet<>();
        Set<String> parameters = new HashSet<>();
        for (Map.Entry<String, String> parameter : request.queryParameters()) {
            parameters.add(parameter.getKey());
            if (!PLAIN_PARAMETERS.contains(parameter.getKey())) {
                subresources.add(parameter.getKey());
            }
        }
        String method = request.method();
        String what = method + " " + path + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        if (bucket.isEmpty()) {
            if (method.equals("GET") && subresources.isEmpty()) {
                return List.of(new ResourceAction("s3:ListAllMyBuckets", "*"));
            }
            throw unclassifiable(
                    what, "no bucket in the path (the gateway expects path-style requests: forcePathStyle(true))");
        }
        return key.isEmpty()
                ? bucket(request, method, bucket, subresources, what)
                : object(request, method, bucket, key, subresources, parameters, what);
    }

    private static List<ResourceAction> bucket(
            AwsRequest request, String method, String bucket, Set<String> subresources, String what)
            throws UnclassifiableRequestException {
        String arn = Arns.bucket(bucket);
        if (method.equals("POST") && subresources.equals(Set.of("delete"))) {
            Set<ResourceAction> actions = new LinkedHashSet<>();
            Matcher keys = DELETE_KEY.matcher(new String(request.body(), StandardCharsets.UTF_8));
            while (keys.find()) {
                actions.add(new ResourceAction("s3:DeleteObject", Arns.object(bucket, unescapeXml(keys.group(1)))));
            }
            if (actions.isEmpty()) {
                throw unclassifiable(what, "a DeleteObjects request without any <Key>");
            }
            return new ArrayList<>(actions);
        }
        String action = switch (method + " " + String.join(",", subresources)) {
            case "GET ", "HEAD " -> "s3:ListBucket";
            case "GET versions" -> "s3:ListBucketVersions";
            case "GET uploads" -> "s3:ListBucketMultipartUploads";
            case "GET location" -> "s3:GetBucketLocation";
            case "GET lifecycle" -> "s3:GetLifecycleConfiguration";
            case "PUT lifecycle" -> "s3:PutLifecycleConfiguration";
            case "GET policy" -> "s3:GetBucketPolicy";
            case "GET versioning" -> "s3:GetBucketVersioning";
            case "GET tagging" -> "s3:GetBucketTagging";
            case "GET cors" -> "s3:GetBucketCORS";
            case "PUT " -> "s3:CreateBucket";
            case "DELETE " -> "s3:DeleteBucket";
            default ->
                throw unclassifiable(what, "a bucket operation the local IAM gateway does not map to an IAM action");
        };
        return List.of(new ResourceAction(action, arn));
    }

    private static List<ResourceAction> object(
            AwsRequest request,
            String method,
            String bucket,
            String key,
            Set<String> subresources,
            Set<String> parameters,
            String what)
            throws UnclassifiableRequestException {
        String arn = Arns.object(bucket, key);
        boolean version = parameters.contains("versionId");
        boolean upload = parameters.contains("uploadId");
        String action = switch (method + " " + String.join(",", subresources)) {
            case "GET ", "HEAD " ->
                upload ? "s3:ListMultipartUploadParts" : version ? "s3:GetObjectVersion" : "s3:GetObject";
            case "GET acl" -> version ? "s3:GetObjectVersionAcl" : "s3:GetObjectAcl";
            case "GET tagging" -> version ? "s3:GetObjectVersionTagging" : "s3:GetObjectTagging";
            case "PUT " -> "s3:PutObject";
            case "PUT acl" -> version ? "s3:PutObjectVersionAcl" : "s3:PutObjectAcl";
            case "PUT tagging" -> version ? "s3:PutObjectVersionTagging" : "s3:PutObjectTagging";
            case "POST uploads" -> "s3:PutObject";
            case "POST " -> upload ? "s3:PutObject" : null;
            case "DELETE " ->
                upload ? "s3:AbortMultipartUpload" : version ? "s3:DeleteObjectVersion" : "s3:DeleteObject";
            case "DELETE tagging" -> version ? "s3:DeleteObjectVersionTagging" : "s3:DeleteObjectTagging";
            default -> null;
        };
        if (action == null) {
            throw unclassifiable(what, "an object operation the local IAM gateway does not map to an IAM action");
        }
        List<ResourceAction> actions = new ArrayList<>();
        actions.add(new ResourceAction(action, arn));
        if (method.equals("PUT") && subresources.isEmpty()) {
            var copySource = request.header("x-amz-copy-source");
            if (copySource.isPresent()) {
                actions.add(new ResourceAction("s3:GetObject", copySourceArn(copySource.get(), what)));
            }
        }
        return actions;
    }

    private static String copySourceArn(String copySource, String what) throws UnclassifiableRequestException {
        String source = UriEncoding.decode(copySource.startsWith("/") ? copySource.substring(1) : copySource);
        int query = source.indexOf("?versionId=");
        if (query >= 0) {
            source = source.substring(0, query);
        }
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw unclassifiable(what, "x-amz-copy-source " + copySource + " is not <bucket>/<key>");
        }
        return Arns.object(source.substring(0, slash), source.substring(slash + 1));
    }

    private static UnclassifiableRequestException unclassifiable(String what, String why) {
        return new UnclassifiableRequestException(
                "S3 request " + what + ": " + why + "; refused rather than guessed (extend S3RequestClassifier)");
    }

    private static String unescapeXml(String text) {
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
