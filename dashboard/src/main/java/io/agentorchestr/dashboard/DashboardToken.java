package io.agentorchestr.dashboard;

import io.agentorchestr.core.config.PrivateFile;
import io.agentorchestr.core.error.AgentorchestrException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The dashboard's access token, kept 0600 in the state directory so that a bookmarked URL works after
 * a restart; {@code --new-token} replaces it (old bookmarks and cookies stop working).
 */
final class DashboardToken {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DashboardToken() {
    }

    /** The token in {@code file}, made first if the file is missing or {@code renew} asks for a new one. */
    static String load(Path file, boolean renew) {
        try {
            if (!renew && Files.isRegularFile(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (token.matches("[A-Za-z0-9_-]{32,}")) {
                    return token;
                }
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.createDirectories(file.getParent());
            PrivateFile.write(file, "the dashboard token", token + "\n");
            return token;
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot keep the dashboard token in " + file + ": " + e.getMessage()
                    + "; check that the state directory is writable", e);
        }
    }

    /** Compares in constant time: how much of a guess matched does not show in the answer's timing. */
    static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
