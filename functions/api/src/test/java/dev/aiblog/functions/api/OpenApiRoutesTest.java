package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** openapi/openapi.yaml, the handler's routes and template.yaml's HttpApi events describe the same API. */
class OpenApiRoutesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void openApiListsExactlyTheRoutesTheHandlerServes() throws IOException {
        Set<String> documented = documentedRoutes();

        Set<String> served =
                Arrays.stream(Route.values()).map(Route::key).collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).isNotEmpty().isEqualTo(served);
    }

    @Test
    void theRouterAnswersEveryDocumentedRouteAndRefusesEveryOtherMethodOnItsPaths() throws IOException {
        Router router = new Router(new BlogApi(null, null, null, null, null, null), List.of());
        Set<String> documented = documentedRoutes();
        Set<String> paths =
                documented.stream().map(r -> r.substring(r.indexOf(' ') + 1)).collect(Collectors.toSet());

        for (String path : paths) {
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                String concrete = path.replace("{id}", "some-id");
                int status =
                        router.handle(Events.request(method, concrete).build()).statusCode();
                if (documented.contains(method + " " + path)) {
                    assertThat(status).as(method + " " + path).isNotIn(404, 405);
                } else {
                    assertThat(status).as(method + " " + path).isEqualTo(405);
                }
            }
        }
    }

    @Test
    void templateRoutesTheSameSetToTheApiFunction() throws IOException {
        JsonNode events = YAML.readTree(
                        TestAws.repository().resolve("template.yaml").toFile())
                .at("/Resources/ApiFunction/Properties/Events");
        Set<String> routed = new TreeSet<>();
        Set<String> publicRoutes = new TreeSet<>();
        events.properties().forEach(event -> {
            JsonNode props = event.getValue().get("Properties");
            assertThat(event.getValue().get("Type").asText()).isEqualTo("HttpApi");
            if (props.has("Path")) {
                String key = props.get("Method").asText().toUpperCase(Locale.ROOT) + " "
                        + props.get("Path").asText();
                routed.add(key);
                if ("NONE".equals(props.at("/Auth/Authorizer").asText())) {
                    publicRoutes.add(key);
                }
            }
        });

        assertThat(routed).isEqualTo(documentedRoutes());
        assertThat(publicRoutes)
                .isEqualTo(Arrays.stream(Route.values())
                        .filter(r -> !r.authenticated())
                        .map(Route::key)
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void openApiPublicRoutesAreTheUnauthenticatedOnes() throws IOException {
        JsonNode paths = openApi().get("paths");
        Set<String> publicRoutes = new TreeSet<>();
        paths.properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    // No requirement at all, or an empty one among others (optional auth: the token is read when sent).
                    JsonNode security = op.getValue().get("security");
                    boolean optional = false;
                    if (security != null && security.isArray()) {
                        for (JsonNode requirement : security) {
                            optional |= requirement.isObject() && requirement.isEmpty();
                        }
                    }
                    if (security != null && security.isArray() && (security.isEmpty() || optional)) {
                        publicRoutes.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));

        assertThat(publicRoutes).containsExactlyInAnyOrder("GET /feed", "GET /blogs/{id}", "GET /p/{id}");
        assertThat(publicRoutes)
                .isEqualTo(Arrays.stream(Route.values())
                        .filter(r -> !r.authenticated())
                        .map(Route::key)
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void openApiNamesEveryErrorCode() throws IOException {
        Set<String> documented = new TreeSet<>();
        openApi()
                .at("/components/schemas/Error/properties/error/properties/code/enum")
                .forEach(code -> documented.add(code.asText()));

        assertThat(documented)
                .isEqualTo(Arrays.stream(ErrorCode.values())
                        .map(Enum::name)
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "CreateBlogResponse, dev.aiblog.functions.api.Views$Accepted",
        "BlogRequest,        dev.aiblog.functions.api.Views$RequestStatus",
        "RequestPage,        dev.aiblog.functions.api.Views$RequestPage",
        "FeedItem,           dev.aiblog.functions.api.Views$FeedItem",
        "FeedPage,           dev.aiblog.functions.api.Views$FeedPage",
        "BlogPost,           dev.aiblog.functions.api.Views$Blog",
        "LikeResult,         dev.aiblog.functions.api.Views$Likes",
        "Me,                 dev.aiblog.functions.api.Views$Me",
        "ReviewItem,         dev.aiblog.functions.api.Views$ReviewItem",
        "ReviewPage,         dev.aiblog.functions.api.Views$ReviewPage",
        "ReviewOutcome,      dev.aiblog.functions.api.Views$ReviewOutcome"
    })
    void documentedResponseFieldsAreTheFieldsTheHandlerWrites(String schema, Class<?> view) throws IOException {
        Set<String> required = new TreeSet<>();
        openApi().at("/components/schemas/" + schema + "/required").forEach(f -> required.add(f.asText()));
        Set<String> properties = new TreeSet<>();
        openApi()
                .at("/components/schemas/" + schema + "/properties")
                .fieldNames()
                .forEachRemaining(properties::add);

        Set<String> written = Arrays.stream(view.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(required).isEqualTo(written).isEqualTo(properties);
    }

    /** {@code Draft} is a {@code ReviewItem} and more ({@code allOf}): the view writes both parts' fields. */
    @org.junit.jupiter.api.Test
    void theDraftIsAReviewItemWithItsBodyAndDeadline() throws IOException {
        Set<String> required = new TreeSet<>();
        openApi().at("/components/schemas/ReviewItem/required").forEach(f -> required.add(f.asText()));
        openApi().at("/components/schemas/Draft/allOf/1/required").forEach(f -> required.add(f.asText()));

        Set<String> written = Arrays.stream(Views.Draft.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(written).isEqualTo(required);
    }

    private static Set<String> documentedRoutes() throws IOException {
        JsonNode root = openApi();
        assertThat(root.get("openapi").asText()).startsWith("3.1");
        Set<String> routes = new TreeSet<>();
        root.get("paths")
                .properties()
                .forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (HTTP_METHODS.contains(method)) {
                        routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return routes;
    }

    private static JsonNode openApi() throws IOException {
        Path file = TestAws.repository().resolve("openapi/openapi.yaml");
        return YAML.readTree(file.toFile());
    }
}
