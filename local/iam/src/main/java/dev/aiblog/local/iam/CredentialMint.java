package dev.aiblog.local.iam;

import java.security.SecureRandom;
import java.util.Base64;

/** Mints credentials shaped like STS's: {@code ASIA} + 16 upper-case alphanumerics, 40-char secret, long token. */
final class CredentialMint {

    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final SecureRandom random = new SecureRandom();

    LambdaCredentials mint(Principal principal) {
        return new LambdaCredentials(
                "ASIA" + randomString(KEY_ALPHABET, 16), randomString(SECRET_ALPHABET, 40), sessionToken(), principal);
    }

    private String sessionToken() {
        // STS session tokens are a few hundred base64 characters; the SDK treats them as opaque.
        byte[] bytes = new byte[264];
        random.nextBytes(bytes);
        return "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(bytes);
    }

    private String randomString(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
