package dev.aiblog.functions.api;

import java.util.Optional;

/**
 * Who a bearer token belongs to, on the public routes that API Gateway's JWT authorizer does not guard. A route
 * such as {@code GET /blogs/{id}} answers everyone, and says more ({@code likedByMe}) to a caller whose token
 * verifies; a missing or bad token there is not an error, just an anonymous reader.
 */
@FunctionalInterface
public interface BearerTokens {
    /** The token's {@code sub} when it is valid now; empty for anything else. */
    Optional<String> subject(String token);

    /** Verifies nothing: every caller of a public route is anonymous. */
    static BearerTokens none() {
        return token -> Optional.empty();
    }
}
