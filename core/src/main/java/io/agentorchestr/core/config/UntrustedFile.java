package io.agentorchestr.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file an agent can write (its done flag, its exit status): read only when it is a regular file,
 * and only its first bytes, so a FIFO, a link to a device or a file of gigabytes cannot hang the
 * orchestrator or fill its memory.
 */
public final class UntrustedFile {
    private UntrustedFile() {
    }

    /** The first {@code maxBytes} of {@code file} as UTF-8 (a cut character is replaced); empty when not readable. */
    public static Optional<String> head(Path file, int maxBytes) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
