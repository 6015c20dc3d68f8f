package io.agentorchestr.core.research;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.text.ShortHash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * web_research's answers, one JSON file each under the project's {@code memory/research/}, kept for
 * {@code [research] cache_hours} by normalised query (case and spacing do not matter) and the options
 * asked with. A file that cannot be read is taken as absent and written anew.
 */
final class ResearchCache {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private final Clock clock;
    private final Duration ttl;

    ResearchCache(Path dir, Clock clock, Duration ttl) {
        this.dir = dir;
        this.clock = clock;
        this.ttl = ttl;
    }

    static String normalised(String query) {
        return query.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** A fresh answer to the same question, if one is kept. */
    Optional<WebResearch.Answer> get(String query, int maxResults, int fetchPages) {
        Path file = file(query, maxResults, fetchPages);
        if (ttl.isZero() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        WebResearch.Answer a;
        try {
            a = JSON.readValue(file.toFile(), WebResearch.Answer.class);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            if (a.query() == null || !normalised(a.query()).equals(normalised(query))
                    || a.createdAt().plus(ttl).isBefore(clock.instant())) {
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(a);
    }

    /** Keeps {@code answer}; a cache that cannot be written costs the next call a search, nothing else. */
    void put(WebResearch.Answer answer, int maxResults, int fetchPages) {
        if (ttl.isZero()) {
            return;
        }
        Path file = file(answer.query(), maxResults, fetchPages);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "answer", ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), answer);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The answer is given all the same; only the next identical question pays again.
        }
    }

    Path file(String query, int maxResults, int fetchPages) {
        String q = normalised(query);
        String slug = q.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        slug = slug.length() > 48 ? slug.substring(0, 48) : slug;
        return dir.resolve((slug.isEmpty() ? "query" : slug) + "-" + ShortHash.of(q + "\n" + maxResults + "\n"
                + fetchPages) + ".json");
    }
}
