package io.agentorchestr.core.attend;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code [notify]} tables of the user's config.toml (where a webhook's secret belongs) and the
 * project's: their commands and webhooks all run; the project's {@code min_interval_s} wins.
 *
 * <pre>
 * [notify]
 * commands = ["notify-me \"$AGENTORCHESTR_TITLE\""]   # sh -c, the notice as JSON on stdin
 * webhooks = ["https://hooks.example.com/T000/B000"]   # a JSON POST per notice
 * min_interval_s = 30                                  # one notice per event and agent within this
 * </pre>
 */
public record NotifyConfig(List<String> commands, List<URI> webhooks, Duration minInterval) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final NotifyConfig NONE = new NotifyConfig(List.of(), List.of(), DEFAULT_INTERVAL);

    public NotifyConfig {
        commands = List.copyOf(commands);
        webhooks = List.copyOf(webhooks);
    }

    public static NotifyConfig load(Path userConfigDir, Path projectRoot) {
        List<String> commands = new ArrayList<>();
        List<URI> webhooks = new ArrayList<>();
        Duration interval = DEFAULT_INTERVAL;
        for (Path file : List.of(userConfigDir.resolve("config.toml"), ProjectConfig.file(projectRoot))) {
            Optional<TomlParseResult> toml = ProjectConfig.loadFile(file);
            if (toml.isEmpty()) {
                continue;
            }
            TomlParseResult t = toml.get();
            commands.addAll(strings(t, "notify.commands", file));
            for (String url : strings(t, "notify.webhooks", file)) {
                webhooks.add(webhook(url, file));
            }
            if (t.contains("notify.min_interval_s")) {
                Long seconds = t.isLong("notify.min_interval_s") ? t.getLong("notify.min_interval_s") : null;
                if (seconds == null || seconds < 0) {
                    throw AgentorchestrException.usage("[notify] min_interval_s in " + file
                            + " must be a whole number of seconds, 0 or more (e.g. min_interval_s = 30)");
                }
                interval = Duration.ofSeconds(seconds);
            }
        }
        return new NotifyConfig(commands, webhooks, interval);
    }

    private static List<String> strings(TomlParseResult t, String key, Path file) {
        if (!t.contains(key)) {
            return List.of();
        }
        TomlArray array = t.isArray(key) ? t.getArray(key) : null;
        List<String> out = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            if (!(array.get(i) instanceof String s) || s.isBlank()) {
                array = null;
                break;
            }
            out.add(s);
        }
        if (array == null) {
            throw AgentorchestrException.usage("[notify] " + key.substring("notify.".length()) + " in " + file
                    + " must be a list of non-empty strings, e.g. " + key.substring("notify.".length())
                    + " = [\"...\"]");
        }
        return out;
    }

    private static URI webhook(String url, Path file) {
        try {
            URI uri = new URI(url.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw AgentorchestrException.usage("[notify] webhooks in " + file + ": '" + url + "' is not an http(s) URL; "
                + "write it as https://host/path");
    }
}
