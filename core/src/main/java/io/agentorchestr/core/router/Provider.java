package io.agentorchestr.core.router;

import io.agentorchestr.core.model.ModelTask;

import java.util.Map;

/**
 * A hosted model API agentorchestr may call: its wire format, where it is, its key (never shown), the
 * model for each task class, and its free tier's request limits (0: none kept).
 */
public record Provider(String name, Format format, String baseUrl, String apiKey, Map<ModelTask, String> models,
                       int perMinute, int perDay) {
    public Provider {
        models = Map.copyOf(models);
    }

    /** The three request shapes every provider speaks one of. */
    public enum Format {
        ANTHROPIC, CHAT_COMPLETIONS, GEMINI
    }

    public String model(ModelTask task) {
        return models.get(task);
    }

    @Override
    public String toString() {
        return name + " (" + baseUrl + ")";  // no key
    }
}
