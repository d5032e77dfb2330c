package dev.aiblog.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;

/** HTTP API (payload 2.0) events built in tests, shaped like those in events/. */
final class Events {
    static final String USER = "0c9b5f6e-3d1a-4f57-9a52-6f1f3c2d8e41";

    private final String method;
    private final String path;
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private String body;
    private boolean base64;
    private String sub;
    private String domainName;
    private String stage = "$default";

    private Events(String method, String path) {
        this.method = method;
        this.path = path;
        headers.put("content-type", "application/json");
    }

    static Events request(String method, String path) {
        return new Events(method, path);
    }

    Events as(String user) {
        this.sub = user;
        return this;
    }

    Events asUser() {
        return as(USER);
    }

    /** The API Gateway domain and stage the request came in on (requestContext.domainName and stage). */
    Events domain(String domainName, String stage) {
        this.domainName = domainName;
        this.stage = stage;
        return this;
    }

    Events body(String json) {
        this.body = json;
        return this;
    }

    Events base64Body(String encoded) {
        this.body = encoded;
        this.base64 = true;
        return this;
    }

    Events header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Events query(String name, String value) {
        query.put(name, value);
        return this;
    }

    APIGatewayV2HTTPEvent build() {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).withStage(stage)
                .withRouteKey("$default").withRequestId("test").withApiId("local").withDomainName(domainName);
        if (sub != null) {
            var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                    .withClaims(Map.of("sub", sub, "token_use", "access")).build();
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build());
        }
        String rawPath = stage == null || stage.equals("$default") ? path : "/" + stage + path;
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath(rawPath)
                .withHeaders(new HashMap<>(headers)).withQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query))
                .withBody(body).withIsBase64Encoded(base64).withRequestContext(context.build()).build();
    }
}
