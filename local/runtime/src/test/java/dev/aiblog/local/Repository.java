package dev.aiblog.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder with template.yaml) from the test's working directory. */
final class Repository {
    private Repository() {}

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
