package io.agentorchestr.core.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A web search API: a SearXNG instance's JSON API (which users host themselves), or the Brave Search
 * API with a key. Each answers a query with its top results; a failure says what the backend answered
 * and how to fix it.
 */
public interface SearchBackend {
    List<SearchHit> search(String query, int max);

    /** Its name, for answers and errors: "searxng http://...", "brave". */
    String name();

    /** A search that failed: the message names the backend, what it answered, and the fix. */
    final class SearchFailure extends RuntimeException {
        public SearchFailure(String message) {
            super(message);
        }
    }

    /** The configured backend: SearXNG when its URL is set, else Brave when its key is. */
    static SearchBackend of(ResearchSettings s, HttpClient http) {
        if (s.searxngUrl() != null) {
            URI base = s.searxngUrl();
            return new Json("searxng " + base, http, q -> URI.create(base + "/search?format=json&q=" + q), Map.of(),
                    "results", "content", "check that it runs and that settings.yml lists json under search.formats");
        }
        if (s.braveKey() != null) {
            return new Json("brave", http, q -> URI.create(s.braveUrl() + "/web/search?q=" + q), Map.of(
                    "X-Subscription-Token", s.braveKey(), "Accept", "application/json"), "web/results", "description",
                    "check BRAVE_API_KEY");
        }
        throw new SearchFailure("web_research has no search backend: set [research] searxng_url = "
                + "\"http://host:port\" in .agentorchestr/config.toml (a SearXNG instance with its JSON format on), "
                + "or SEARXNG_URL, or BRAVE_API_KEY (docs/router.md)");
    }

    /** A GET that answers JSON with a list of {title, url, snippet field} at {@code listPath}. */
    final class Json implements SearchBackend {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final String name;
        private final HttpClient http;
        private final java.util.function.Function<String, URI> address;
        private final Map<String, String> headers;
        private final String listPath;
        private final String snippetField;
        private final String fix;

        Json(String name, HttpClient http, java.util.function.Function<String, URI> address,
             Map<String, String> headers, String listPath, String snippetField, String fix) {
            this.name = name;
            this.http = http;
            this.address = address;
            this.headers = headers;
            this.listPath = listPath;
            this.snippetField = snippetField;
            this.fix = fix;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<SearchHit> search(String query, int max) {
            HttpRequest.Builder req = HttpRequest.newBuilder(address.apply(URLEncoder.encode(query,
                    StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(20)).GET();
            headers.forEach(req::header);
            HttpResponse<String> response;
            try {
                response = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new SearchFailure(name + " did not answer (" + e + "): " + fix);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SearchFailure(name + ": interrupted");
            }
            if (response.statusCode() != 200) {
                throw new SearchFailure(name + " answered HTTP " + response.statusCode() + ": " + fix);
            }
            JsonNode list;
            try {
                list = JSON.readTree(response.body()).at("/" + listPath);
            } catch (IOException e) {
                throw new SearchFailure(name + " answered something that is not JSON: " + fix);
            }
            List<SearchHit> hits = new ArrayList<>();
            for (JsonNode r : list) {
                String url = r.path("url").asText("");
                if ((url.startsWith("http://") || url.startsWith("https://")) && hits.stream()
                        .noneMatch(h -> h.url().equals(url))) {
                    hits.add(new SearchHit(plain(r.path("title").asText(url)), url, plain(r.path(snippetField)
                            .asText(""))));
                }
                if (hits.size() == max) {
                    break;
                }
            }
            return hits;
        }

        /** Engines mark the query's words in snippets with tags: the text alone. */
        private static String plain(String html) {
            return org.jsoup.Jsoup.parseBodyFragment(html).text().strip();
        }
    }
}
