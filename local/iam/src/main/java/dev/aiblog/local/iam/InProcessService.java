package dev.aiblog.local.iam;

import java.util.Optional;

/**
 * A service the gateway answers itself, after authenticating and authorizing the request (for
 * example {@link LocalSecretsManager}).
 */
@FunctionalInterface
public interface InProcessService {

    /**
     * @param request the request as received (already verified and allowed)
     * @param caller whose credentials signed it; empty only when the gateway does not enforce and
     *     the request's credentials were not ones it issued
     */
    ServiceResponse handle(AwsRequest request, Optional<Principal> caller);
}
