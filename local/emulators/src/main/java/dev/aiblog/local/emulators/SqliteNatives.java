package dev.aiblog.local.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Puts the sqlite4java native library that DynamoDB Local needs into a folder and points
 * {@code sqlite4java.library.path} (read by sqlite4java) and {@code org.sqlite.lib.path} (read by
 * DynamoDB Local's own loader) at it.
 *
 * <p>The library comes from the classpath: DynamoDB Local 3.x ships the sqlite4java natives for
 * Linux, macOS and Windows (x86, x86_64, aarch64) inside its jar, so a plain {@code java -cp}
 * works with no build step and no {@code .so} next to the jar. The file is written once per
 * content hash under {@code java.io.tmpdir} and reused, instead of DynamoDB Local's default of a
 * fresh randomly named copy per run that a killed JVM never deletes.
 */
final class SqliteNatives {

    static final String LIBRARY_PATH_PROPERTY = "sqlite4java.library.path";
    static final String DYNAMODB_LOCAL_LIBRARY_PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String RESOURCE_ROOT = "software/amazon/dynamodb/services/local/shared/access/sqlite/native/";

    private SqliteNatives() {}

    /**
     * Makes sure the native library can be found; a {@code sqlite4java.library.path} set by the
     * caller wins. Returns the folder in use.
     */
    static synchronized Path prepare() {
        String configured = System.getProperty(LIBRARY_PATH_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (System.getProperty(DYNAMODB_LOCAL_LIBRARY_PATH_PROPERTY) == null) {
                System.setProperty(DYNAMODB_LOCAL_LIBRARY_PATH_PROPERTY, dir.toString());
            }
            return dir;
        }
        String resource = RESOURCE_ROOT + osFolder() + "/" + archFolder() + "/" + System.mapLibraryName("sqlite4java");
        byte[] library = read(resource);
        Path dir = Path.of(
                System.getProperty("java.io.tmpdir"),
                "aiblog-sqlite4java-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                        + sha256(library).substring(0, 16));
        Path file = dir.resolve(System.mapLibraryName("sqlite4java"));
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != library.length) {
                Files.createDirectories(dir);
                Path partial = Files.createTempFile(dir, "partial-", ".tmp");
                Files.write(partial, library);
                try {
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the sqlite4java native library to " + dir + "; set -D" + LIBRARY_PATH_PROPERTY
                            + " to a folder holding " + file.getFileName(),
                    e);
        }
        System.setProperty(LIBRARY_PATH_PROPERTY, dir.toString());
        System.setProperty(DYNAMODB_LOCAL_LIBRARY_PATH_PROPERTY, dir.toString());
        return dir;
    }

    private static byte[] read(String resource) {
        ClassLoader loader = SqliteNatives.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no sqlite4java native library for os.name="
                        + System.getProperty("os.name")
                        + ", os.arch=" + System.getProperty("os.arch") + " on the classpath (looked for " + resource
                        + " in the DynamoDBLocal jar); set -D" + LIBRARY_PATH_PROPERTY + " to a folder holding it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String osFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "Windows";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "Mac";
        }
        return "Linux";
    }

    private static String archFolder() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            default -> arch;
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
