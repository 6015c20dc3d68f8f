package io.agentorchestr.telemetry;

import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The OpenTelemetry SDK's own complaints (an endpoint that refuses, a collector that is down) go to
 * java.util.logging, whose console handler would write over an attached tmux screen: they are taken
 * off it and told, once per distinct message, to the orchestrator's progress lines instead.
 */
final class ExportTrouble extends Handler {
    /** Held so the logger, and the level set on it, are not collected. */
    private static final Logger SDK = Logger.getLogger("io.opentelemetry");
    private final Consumer<String> trouble;
    private final java.util.Set<String> told = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ExportTrouble(Consumer<String> trouble) {
        this.trouble = trouble;
    }

    static void sendTo(Consumer<String> trouble) {
        SDK.setUseParentHandlers(false);
        SDK.setLevel(Level.WARNING);
        for (Handler h : SDK.getHandlers()) {
            SDK.removeHandler(h);
        }
        SDK.addHandler(new ExportTrouble(trouble));
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue() && told.size() < 20 && told.add(r.getMessage())) {
            trouble.accept("OpenTelemetry: " + r.getMessage() + " (later failures like it are not shown)");
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
