package io.agentorchestr.core.attend;

import java.util.Locale;

/**
 * Where notices go on this machine ({@code --notify}): the person's tmux clients' terminals (bell and
 * OSC 9 / OSC 777), the desktop ({@code notify-send}), both, or nowhere. The commands and webhooks
 * of {@code [notify]} run in every mode but {@code none}.
 */
public enum NotifyMode {
    NONE, TERMINAL, DESKTOP, ALL;

    public boolean terminal() {
        return this == TERMINAL || this == ALL;
    }

    public boolean desktop() {
        return this == DESKTOP || this == ALL;
    }

    public static NotifyMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown notify mode '" + text + "'; use none, terminal, desktop or all");
        }
    }
}
