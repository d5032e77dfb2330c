package dev.aiblog.functions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorCodecTest {
    static final String POSITION = "2026-11-24T16:04:06.123Z#3b8e1f42-9c6d-4a0e-8f25-61d7c4a9e0b3";
    final CursorCodec codec = new CursorCodec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void decodesWhatItEncoded() {
        assertThat(codec.decode(codec.encode(null, POSITION), null)).isEqualTo(POSITION);
        assertThat(codec.decode(codec.encode("java", POSITION), "java")).isEqualTo(POSITION);
    }

    @Test
    void aRequestListCursorBelongsToItsOwnerAndItsList() {
        String mine = codec.encodeRequests("ann", POSITION);

        assertThat(codec.decodeRequests(mine, "ann")).isEqualTo(POSITION);
        assertThatThrownBy(() -> codec.decodeRequests(mine, "bob"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
        assertThatThrownBy(() -> codec.decode(mine, "ann")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> codec.decode(mine, null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> codec.decodeRequests(codec.encode("ann", POSITION), "ann"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void feedCursorsReadAsBeforeTheRequestListExisted() {
        // {"v":1,"k":"..."} signed: the payload carries no list name, as cursors made before GET /requests did not.
        String cursor = codec.encode(null, POSITION);
        String payload = new String(
                java.util.Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))),
                StandardCharsets.UTF_8);

        assertThat(payload).isEqualTo("{\"v\":1,\"k\":\"" + POSITION + "\"}");
    }

    @Test
    void cursorsAreUrlSafeAndOpaque() {
        String cursor = codec.encode("java", POSITION);

        assertThat(cursor)
                .matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")
                .doesNotContain(POSITION)
                .doesNotContain("java");
    }

    @Test
    void refusesACursorOfAnotherTag() {
        String cursor = codec.encode("java", POSITION);

        assertThatThrownBy(() -> codec.decode(cursor, "rust"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
        assertThatThrownBy(() -> codec.decode(cursor, null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> codec.decode(codec.encode(null, POSITION), "java"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void refusesEveryAlteredCharacter() {
        String cursor = codec.encode(null, POSITION);
        for (int i = 0; i < cursor.length(); i++) {
            if (cursor.charAt(i) == '.' || i == cursor.length() - 1 || cursor.charAt(i + 1) == '.') {
                continue; // the last character of a base64 part may carry unused bits
            }
            char[] chars = cursor.toCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            String altered = new String(chars);
            assertThatThrownBy(() -> codec.decode(altered, null))
                    .as("altered at %d", i)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "a.", ".a", "a.b.c", "abc", "%%%.%%%", "eyJ2IjoxfQ.AAAA"})
    void refusesGarbage(String cursor) {
        assertThatThrownBy(() -> codec.decode(cursor, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
    }
}
