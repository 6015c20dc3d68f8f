package io.agentorchestr.core.router;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.model.ModelTask;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The providers agentorchestr knows, their keys from the environment, and each task class's order of
 * providers, under the project's {@code [router]} in config.toml (base URLs, models, limits, key
 * variables, order, and providers of its own in one of the three formats). docs/router.md lists the
 * defaults.
 */
public final class Providers {
    /** A provider as shipped: the variable its key is in, where it is, its models, its free tier's limits. */
    private record Known(String keyEnv, Provider.Format format, String baseUrl, String plan, String compress,
                         String research, int perMinute, int perDay) {
    }

    /**
     * The variables the providers' own SDKs and CLIs read for their base URL: a proxy set there for the
     * agents serves the router too ([router.providers.NAME] base_url wins).
     */
    private static final Map<String, String> BASE_URL_ENV = Map.of("anthropic", "ANTHROPIC_BASE_URL",
            "openai", "OPENAI_BASE_URL", "gemini", "GOOGLE_GEMINI_BASE_URL");

    private static final Map<String, Known> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("anthropic", new Known("ANTHROPIC_API_KEY", Provider.Format.ANTHROPIC, "https://api.anthropic.com",
                "claude-sonnet-4-5", "claude-haiku-4-5", "claude-haiku-4-5", 0, 0));
        KNOWN.put("openai", new Known("OPENAI_API_KEY", Provider.Format.CHAT_COMPLETIONS, "https://api.openai.com/v1",
                "gpt-5", "gpt-5-mini", "gpt-5-mini", 0, 0));
        KNOWN.put("gemini", new Known("GEMINI_API_KEY", Provider.Format.GEMINI,
                "https://generativelanguage.googleapis.com/v1beta", "gemini-2.5-pro", "gemini-2.5-flash",
                "gemini-2.5-flash", 10, 1500));
        KNOWN.put("openrouter", new Known("OPENROUTER_API_KEY", Provider.Format.CHAT_COMPLETIONS,
                "https://openrouter.ai/api/v1", "meta-llama/llama-3.3-70b-instruct:free",
                "meta-llama/llama-3.3-70b-instruct:free", "meta-llama/llama-3.3-70b-instruct:free", 20, 50));
        KNOWN.put("groq", new Known("GROQ_API_KEY", Provider.Format.CHAT_COMPLETIONS, "https://api.groq.com/openai/v1",
                "llama-3.3-70b-versatile", "llama-3.3-70b-versatile", "llama-3.3-70b-versatile", 30, 1000));
        KNOWN.put("cerebras", new Known("CEREBRAS_API_KEY", Provider.Format.CHAT_COMPLETIONS, "https://api.cerebras.ai/v1",
                "llama-3.3-70b", "llama-3.3-70b", "llama-3.3-70b", 30, 14400));
    }

    /** Which providers each task class tries, in order (those without a key are passed over). */
    static final Map<ModelTask, List<String>> ORDER = Map.of(
            ModelTask.PLAN, List.of("anthropic", "openai", "gemini", "openrouter", "groq", "cerebras"),
            ModelTask.COMPRESS, List.of("cerebras", "groq", "gemini", "anthropic", "openai", "openrouter"),
            ModelTask.RESEARCH, List.of("gemini", "anthropic", "openai", "openrouter", "groq", "cerebras"));

    /** The configured providers with a key, and each task's order. */
    public record Setup(Map<String, Provider> providers, Map<ModelTask, List<String>> order, int timeoutSeconds) {
        public List<Provider> forTask(ModelTask task) {
            return order.get(task).stream().filter(providers::containsKey).map(providers::get).toList();
        }
    }

    private Providers() {
    }

    public static Setup load(Map<String, String> env, Path projectRoot) {
        Optional<TomlParseResult> toml = projectRoot == null ? Optional.empty() : ProjectConfig.load(projectRoot);
        String file = projectRoot == null ? "config.toml" : ProjectConfig.file(projectRoot).toString();
        TomlTable router = toml.map(t -> t.getTable("router")).orElse(null);
        TomlTable configured = router == null ? null : router.getTable("providers");
        Map<String, Provider> providers = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(KNOWN.keySet());
        if (configured != null) {
            configured.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        }
        for (String name : names) {
            TomlTable c = configured == null ? null : configured.getTable(List.of(name));
            provider(file, name, KNOWN.get(name), c, env).ifPresent(p -> providers.put(name, p));
        }
        Map<ModelTask, List<String>> order = new EnumMap<>(ORDER);
        TomlTable orders = router == null ? null : router.getTable("order");
        for (ModelTask task : ModelTask.values()) {
            if (orders != null && orders.get(task.label()) != null) {
                if (!(orders.get(task.label()) instanceof TomlArray a)) {
                    throw AgentorchestrException.usage(file + ": [router.order] " + task.label()
                            + " must be a list of provider names, like [\"groq\", \"anthropic\"]");
                }
                List<String> listed = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    listed.add(String.valueOf(a.get(i)));
                }
                order.put(task, List.copyOf(listed));
            } else {
                List<String> extra = new ArrayList<>(ORDER.get(task));
                providers.keySet().stream().filter(n -> !extra.contains(n)).forEach(extra::add);
                order.put(task, List.copyOf(extra));
            }
        }
        long timeout = router == null || router.getLong("timeout_s") == null ? 60 : router.getLong("timeout_s");
        return new Setup(providers, order, (int) Math.max(1, Math.min(600, timeout)));
    }

    private static Optional<Provider> provider(String file, String name, Known known, TomlTable c,
                                               Map<String, String> env) {
        if (known == null && c == null) {
            return Optional.empty();
        }
        String keyEnv = text(file, name, c, "key_env", known == null ? name.toUpperCase(Locale.ROOT)
                .replace('-', '_') + "_API_KEY" : known.keyEnv());
        String key = env.getOrDefault(keyEnv, "").strip();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String format = text(file, name, c, "format", known == null ? null : known.format().name());
        Provider.Format f;
        try {
            f = Provider.Format.valueOf(String.valueOf(format).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AgentorchestrException.usage(file + ": [router.providers." + name + "] format must be anthropic, "
                    + "chat_completions or gemini");
        }
        String fromEnv = BASE_URL_ENV.containsKey(name) ? env.getOrDefault(BASE_URL_ENV.get(name), "").strip() : "";
        String base = text(file, name, c, "base_url", !fromEnv.isEmpty() ? fromEnv : known == null ? null
                : known.baseUrl());
        if (base == null || !(base.startsWith("http://") || base.startsWith("https://"))) {
            throw AgentorchestrException.usage(file + ": [router.providers." + name + "] base_url must be an http(s) "
                    + "URL, like \"http://127.0.0.1:8080/v1\"");
        }
        Map<ModelTask, String> models = new EnumMap<>(ModelTask.class);
        String fallback = text(file, name, c, "model", null);
        for (ModelTask t : ModelTask.values()) {
            String shipped = known == null ? fallback : switch (t) {
                case PLAN -> known.plan();
                case COMPRESS -> known.compress();
                case RESEARCH -> known.research();
            };
            String m = text(file, name, c, t.label(), fallback != null ? fallback : shipped);
            if (m == null) {
                throw AgentorchestrException.usage(file + ": [router.providers." + name + "] needs model = \"...\" "
                        + "(or plan, compress and research)");
            }
            models.put(t, m);
        }
        return Optional.of(new Provider(name, f, base, key, models,
                number(file, name, c, "per_minute", known == null ? 0 : known.perMinute()),
                number(file, name, c, "per_day", known == null ? 0 : known.perDay())));
    }

    private static String text(String file, String name, TomlTable c, String key, String fallback) {
        Object v = c == null ? null : c.get(List.of(key));
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw AgentorchestrException.usage(file + ": [router.providers." + name + "] " + key + " must be a string");
        }
        return s.strip();
    }

    private static int number(String file, String name, TomlTable c, String key, int fallback) {
        Object v = c == null ? null : c.get(List.of(key));
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
            throw AgentorchestrException.usage(file + ": [router.providers." + name + "] " + key + " must be a whole "
                    + "number of requests, 0 for no limit");
        }
        return l.intValue();
    }
}
