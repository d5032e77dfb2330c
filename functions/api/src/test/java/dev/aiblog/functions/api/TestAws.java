package dev.aiblog.functions.api;

import dev.aiblog.core.config.Settings;
import dev.aiblog.local.emulators.EmulatedAws;
import java.nio.file.Path;

/**
 * The shared local AWS account, and the environment the API function gets there: what Lambda gives it from
 * template.yaml, with its own credentials, so every call it makes is checked against its role.
 */
final class TestAws {
    private TestAws() {}

    static EmulatedAws aws() {
        return EmulatedAws.shared();
    }

    static Settings settings() {
        return Settings.of(aws().lambdaEnvironment("ApiFunction"));
    }

    /** The key the API signs cursors with: the template's generated secret, as the function reads it. */
    static byte[] cursorKey() {
        String arn = aws().secretArns().get("CursorSigningSecret");
        return aws().secrets().secretString(arn).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The repository root: where events/, openapi/ and template.yaml are. */
    static Path repository() {
        return EmulatedAws.findTemplate().getParent();
    }
}
