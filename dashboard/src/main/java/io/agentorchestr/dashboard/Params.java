package io.agentorchestr.dashboard;

import jakarta.servlet.http.HttpServletRequest;

/** Query parameters, checked: a bad one is a 400 that names it and its range. */
final class Params {
    private final HttpServletRequest request;

    Params(HttpServletRequest request) {
        this.request = request;
    }

    /** Thrown for a bad parameter; the API answers 400 with its message. */
    static final class BadParam extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadParam(String message) {
            super(message);
        }
    }

    long number(String name, long dflt, long min, long max) {
        String v = request.getParameter(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadParam(name + " must be a whole number from " + min + " to " + max + ", not '"
                + Replies.shown(v) + "'");
    }

    /** Text from a closed list (null when absent). */
    String choice(String name, java.util.List<String> allowed) {
        String v = request.getParameter(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!allowed.contains(v)) {
            throw new BadParam(name + " must be one of " + String.join(", ", allowed) + ", not '" + Replies.shown(v)
                    + "'");
        }
        return v;
    }

    /** Free text of at most {@code max} characters (null when absent). */
    String text(String name, int max) {
        String v = request.getParameter(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() > max || v.chars().anyMatch(c -> c < 0x20)) {
            throw new BadParam(name + " must be plain text of at most " + max + " characters");
        }
        return v;
    }
}
