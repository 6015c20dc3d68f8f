package io.agentorchestr.core.research;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.agentorchestr.core.model.ModelReply;
import io.agentorchestr.core.model.ModelRequest;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * web_research: a web search, its top pages read within limits ({@link PageFetcher}), and a brief that
 * cites them by number, written by the router's research model. Without a model (no key, or every
 * provider failed) the brief is the sources' own words, cut short, and its note says so. Model-written
 * answers are kept in a {@link ResearchCache} and served from it, with their age, while fresh.
 */
public final class WebResearch {
    /** A source of an answer: its number in the brief, and whether its page was read (or why not). */
    public record Source(int n, String title, String url, String snippet, String read) {
    }

    /** What the agent gets: the brief and its sources, who wrote it, and what to know about it. */
    public record Answer(String query, String brief, String researchedBy, String note, List<Source> sources,
                         String created) {
        @JsonIgnore
        public Instant createdAt() {
            return Instant.parse(created);
        }
    }

    /** An answer, and whether it came from the cache (with its age). */
    public record Result(Answer answer, boolean cached, long ageSeconds) {
    }

    public static final int MAX_QUERY_CHARS = 500;
    /** Of each page, this much reaches the model (and a tenth of it the brief made without one). */
    static final int PAGE_CHARS_FOR_MODEL = 12_000;
    private static final int EXTRACT_CHARS = 1_200;
    private static final int MAX_TOKENS = 1_500;

    private final ResearchSettings settings;
    private final HttpClient http;
    private final PageFetcher fetcher;
    private final ModelRouter router;
    private final ResearchCache cache;
    private final Clock clock;

    public WebResearch(ResearchSettings settings, ModelRouter router, Path cacheDir, Clock clock,
                       PageFetcher.HostResolver resolver) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(Math.min(10, settings.pageTimeoutS())))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.fetcher = new PageFetcher(http, settings, resolver);
        this.router = router;
        this.cache = new ResearchCache(cacheDir, clock, Duration.ofHours(settings.cacheHours()));
        this.clock = clock;
    }

    /**
     * @param maxResults how many search results to keep (1 to {@link ResearchSettings#MAX_RESULTS}; null: 5)
     * @param fetchPages how many of them to read (0 to {@link ResearchSettings#MAX_FETCH_PAGES}; null: 3)
     */
    public Result research(String query, Integer maxResults, Integer fetchPages) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("query must be 1 to " + MAX_QUERY_CHARS + " characters: what you want "
                    + "to find out, like \"jjwt 0.12 parser API for HS256 tokens\"");
        }
        int results = maxResults == null ? 5 : maxResults;
        int pages = fetchPages == null ? Math.min(3, results) : fetchPages;
        if (results < 1 || results > ResearchSettings.MAX_RESULTS) {
            throw new IllegalArgumentException("max_results must be from 1 to " + ResearchSettings.MAX_RESULTS
                    + ", not " + results);
        }
        if (pages < 0 || pages > Math.min(results, ResearchSettings.MAX_FETCH_PAGES)) {
            throw new IllegalArgumentException("fetch_pages must be from 0 to " + Math.min(results,
                    ResearchSettings.MAX_FETCH_PAGES) + " (no more than max_results), not " + pages);
        }
        Optional<Answer> kept = cache.get(q, results, pages);
        if (kept.isPresent()) {
            return new Result(kept.get(), true, Duration.between(kept.get().createdAt(), clock.instant()).toSeconds());
        }
        SearchBackend backend = SearchBackend.of(settings, http);
        List<SearchHit> hits = backend.search(q, results);
        String created = clock.instant().toString();
        if (hits.isEmpty()) {
            return new Result(new Answer(q, "", "nobody", backend.name() + " found nothing for this query: try other "
                    + "words", List.of(), created), false, 0);
        }
        List<Fetched> fetched = readPages(hits, pages);
        List<Optional<Page>> read = fetched.stream().map(f -> Optional.ofNullable(f.page())).toList();
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            sources.add(new Source(i + 1, hits.get(i).title(), hits.get(i).url(), hits.get(i).snippet(),
                    i < fetched.size() ? fetched.get(i).status() : "not read"));
        }
        return brief(q, hits, read, sources, created, results, pages);
    }

    /** A page read, or null with why not. */
    private record Fetched(Page page, String status) {
    }

    /** The first {@code pages} results' pages, read at the same time. */
    private List<Fetched> readPages(List<SearchHit> hits, int pages) {
        List<CompletableFuture<Fetched>> reading = new ArrayList<>();
        for (SearchHit h : hits.subList(0, Math.min(pages, hits.size()))) {
            reading.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return new Fetched(fetcher.fetch(h.url()), "read");
                } catch (PageFetcher.Refused e) {
                    return new Fetched(null, "not read: " + e.getMessage());
                } catch (RuntimeException e) {
                    return new Fetched(null, "not read: it could not be parsed (" + e.getClass().getSimpleName() + ")");
                }
            }, r -> {
                Thread t = new Thread(r, "web-research-fetch");
                t.setDaemon(true);
                t.start();
            }));
        }
        return reading.stream().map(CompletableFuture::join).toList();
    }

    private Result brief(String q, List<SearchHit> hits, List<Optional<Page>> read, List<Source> sources,
                         String created, int results, int pages) {
        String why;
        try {
            Optional<ModelReply> reply = router.ask(ModelTask.RESEARCH, new ModelRequest(INSTRUCTIONS,
                    prompt(q, hits, read), MAX_TOKENS));
            if (reply.isPresent()) {
                Answer a = new Answer(q, reply.get().text().strip(), reply.get().provider() + "/" + reply.get().model(),
                        "a model's brief of the sources: check a claim against its [n] source before you rely on it",
                        sources, created);
                cache.put(a, results, pages);
                return new Result(a, false, 0);
            }
            why = "no model key is set (docs/router.md)";
        } catch (ModelRouter.Failure e) {
            why = e.getMessage();
        }
        return new Result(new Answer(q, extract(hits, read), "the sources' own words", "no model wrote this brief: "
                + why + "; it is each source's snippet and the start of each page read, cut short", sources, created),
                false, 0);
    }

    private static String prompt(String q, List<SearchHit> hits, List<Optional<Page>> read) {
        StringBuilder p = new StringBuilder("Question: ").append(q).append("\n\nSources:\n");
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            p.append("\n[").append(i + 1).append("] ").append(h.title()).append(" <").append(h.url()).append(">\n");
            Optional<Page> page = i < read.size() ? read.get(i) : Optional.empty();
            p.append(page.map(pg -> cut(pg.text(), PAGE_CHARS_FOR_MODEL)).orElse("(snippet) " + h.snippet()))
                    .append('\n');
        }
        return p.toString();
    }

    private static String extract(List<SearchHit> hits, List<Optional<Page>> read) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            b.append('[').append(i + 1).append("] ").append(h.title()).append(" <").append(h.url()).append(">\n");
            if (!h.snippet().isEmpty()) {
                b.append(h.snippet()).append('\n');
            }
            if (i < read.size() && read.get(i).isPresent()) {
                b.append(cut(read.get(i).get().text(), EXTRACT_CHARS)).append('\n');
            }
            b.append('\n');
        }
        return b.toString().strip();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + " [...]";
    }

    private static final String INSTRUCTIONS = "You answer a coding agent's question from web sources it has "
            + "fetched. Write a brief of at most 300 words that answers the question with the facts the sources "
            + "give: versions, names, signatures, commands, limits. Cite each fact with its source's number in "
            + "brackets, like [2]. Use only the sources; where they disagree, say so; where they do not answer "
            + "the question, say what is missing. No preamble.";
}
