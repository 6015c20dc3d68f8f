package io.agentorchestr.core.model;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Session ids: 8 random hex characters, short enough to type after --resume, unique enough per machine. */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String tmuxSessionName(String sessionId) {
        return "agentorchestr-" + sessionId;
    }
}
