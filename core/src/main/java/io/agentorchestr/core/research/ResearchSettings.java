package io.agentorchestr.core.research;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import org.tomlj.TomlTable;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * web_research's settings, from the project's {@code [research]} in config.toml: where to search, and
 * the limits on the pages it reads. Private and loopback addresses are refused unless
 * {@code allow_private = true} (a search backend the user hosts on their own network is theirs to name,
 * so it is exempt). docs/router.md lists the keys and their defaults.
 *
 * @param searxngUrl     a SearXNG instance's base URL (its JSON API), or null when none is configured
 * @param braveUrl       the Brave Search API's base URL, used when {@code braveKey} is set and no SearXNG is
 * @param braveKey       the Brave Search API key ({@code BRAVE_API_KEY}), or null
 * @param pageMaxBytes   a page larger than this is refused
 * @param pageTimeoutS   a page that takes longer than this (connection to last byte) is refused
 * @param maxRedirects   redirects followed per page, each checked as the first address was
 * @param allowPrivate   whether pages on loopback, private, link-local or unique-local addresses may be read
 * @param cacheHours     how long an answer is served from the cache
 */
public record ResearchSettings(URI searxngUrl, URI braveUrl, String braveKey, int pageMaxBytes, int pageTimeoutS,
                               int maxRedirects, boolean allowPrivate, int cacheHours) {
    public static final int MAX_RESULTS = 10;
    public static final int MAX_FETCH_PAGES = 5;
    static final URI BRAVE = URI.create("https://api.search.brave.com/res/v1");

    /** The defaults with no backend: what a project without {@code [research]} gets. */
    public static ResearchSettings defaults() {
        return new ResearchSettings(null, BRAVE, null, 2_000_000, 10, 5, false, 24);
    }

    public ResearchSettings withAllowPrivate(boolean allow) {
        return new ResearchSettings(searxngUrl, braveUrl, braveKey, pageMaxBytes, pageTimeoutS, maxRedirects, allow,
                cacheHours);
    }

    /** Whether any search backend is configured. */
    public boolean hasBackend() {
        return searxngUrl != null || braveKey != null;
    }

    public static ResearchSettings load(Map<String, String> env, Path projectRoot) {
        String file = ProjectConfig.file(projectRoot).toString();
        TomlTable t = ProjectConfig.load(projectRoot).map(toml -> toml.getTable("research")).orElse(null);
        ResearchSettings d = defaults();
        String searx = text(file, t, "searxng_url").orElse(env.getOrDefault("SEARXNG_URL", "").strip());
        String brave = text(file, t, "brave_url").orElse(d.braveUrl().toString());
        String braveKey = env.getOrDefault("BRAVE_API_KEY", "").strip();
        return new ResearchSettings(searx.isEmpty() ? null : url(file, "searxng_url", searx), url(file, "brave_url",
                brave), braveKey.isEmpty() ? null : braveKey,
                number(file, t, "page_max_bytes", d.pageMaxBytes(), 1_000, 50_000_000),
                number(file, t, "page_timeout_s", d.pageTimeoutS(), 1, 120),
                number(file, t, "max_redirects", d.maxRedirects(), 0, 20),
                flag(file, t, "allow_private"),
                number(file, t, "cache_hours", d.cacheHours(), 0, 24 * 365));
    }

    private static URI url(String file, String key, String value) {
        String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        if (!(v.startsWith("http://") || v.startsWith("https://"))) {
            throw AgentorchestrException.usage(file + ": [research] " + key + " must be an http(s) URL, like "
                    + "\"http://127.0.0.1:8888\"");
        }
        try {
            return URI.create(v);
        } catch (IllegalArgumentException e) {
            throw AgentorchestrException.usage(file + ": [research] " + key + " is not a URL: " + e.getMessage());
        }
    }

    private static Optional<String> text(String file, TomlTable t, String key) {
        Object v = t == null ? null : t.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw AgentorchestrException.usage(file + ": [research] " + key + " must be a string");
        }
        return Optional.of(s.strip());
    }

    private static int number(String file, TomlTable t, String key, int fallback, int min, int max) {
        Object v = t == null ? null : t.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long l) || l < min || l > max) {
            throw AgentorchestrException.usage(file + ": [research] " + key + " must be a whole number from " + min
                    + " to " + max);
        }
        return l.intValue();
    }

    private static boolean flag(String file, TomlTable t, String key) {
        Object v = t == null ? null : t.get(key);
        if (v != null && !(v instanceof Boolean)) {
            throw AgentorchestrException.usage(file + ": [research] " + key + " must be true or false");
        }
        return Boolean.TRUE.equals(v);
    }
}
