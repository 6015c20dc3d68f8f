package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.mcp.ToolCalls.Param;
import io.agentorchestr.core.goal.BriefDesk;
import io.agentorchestr.core.goal.SessionBrief;
import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.goal.ToolError;
import io.agentorchestr.core.research.ResearchSettings;
import io.agentorchestr.core.research.SearchBackend;
import io.agentorchestr.core.research.WebResearch;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools that may call the model router besides draft_plan: web_research (for the lead, and for
 * workers whose role has it: the researcher's, by default) and the lead's compact_session.
 */
final class ModelTools {
    private ModelTools() {
    }

    static List<ToolEntry> all(Supervisor s, SessionModels models) {
        return List.of(compactSession(s, models), new ToolEntry("web_research", "Look something up on the web: a search, its top pages read, "
                + "and a brief that answers your query with the facts the pages give, each cited as [n] with the "
                + "sources listed (title, URL, whether its page was read or why not). Ask a precise question "
                + "(\"jjwt 0.12 parser API for HS256 tokens\"), not a topic. An answer to the same query within "
                + "a day comes from the cache and says its age. Without a model key the brief is the sources' own "
                + "words, cut short, and its note says so. Needs a search backend ([research] in "
                + ".agentorchestr/config.toml); without one the error says how to set it.",
                EnumSet.allOf(ToolRole.class),
                List.of(Param.req("query", "string", "What you want to find out, as a precise question or search "
                                + "terms.").maxChars(WebResearch.MAX_QUERY_CHARS),
                        Param.opt("max_results", "integer", "How many search results to list (default 5, at most "
                                + ResearchSettings.MAX_RESULTS + ").").range(1, ResearchSettings.MAX_RESULTS),
                        Param.opt("fetch_pages", "integer", "How many of the top results to read in full for the "
                                + "brief (default 3, at most " + ResearchSettings.MAX_FETCH_PAGES + " and no more "
                                + "than max_results; 0: snippets only).").range(0, ResearchSettings.MAX_FETCH_PAGES)),
                (a, caller) -> {
                    try {
                        return view(models.research(s).research(a.string("query"), number(a, "max_results"),
                                number(a, "fetch_pages")));
                    } catch (IllegalArgumentException | SearchBackend.SearchFailure e) {
                        throw new ToolError(e.getMessage());
                    }
                }));
    }

    private static ToolEntry compactSession(Supervisor s, SessionModels models) {
        return ToolEntry.lead("compact_session", "When your context is filling up (a long goal, many workers): get a "
                        + "brief of the session from agentorchestr's records (the goal, the plan and each task's state, "
                        + "each worker's outcome, merges, verify results, failures, open questions, your own progress "
                        + "reports), at most " + SessionBrief.MAX_CHARS + " characters, shortened by a model when a "
                        + "key is set. Then, if your CLI has its own compaction command, end your turn: at your prompt "
                        + "agentorchestr types it (Claude Code's /compact with instructions to keep the plan; Codex "
                        + "/compact; Gemini CLI /compress) and, once it is done, gives you the brief as your next "
                        + "message, so the plan survives. The brief is kept: a restarted or resumed lead starts from "
                        + "it. Call clear_tool_results first for workers you have absorbed: the brief then gives them "
                        + "one line each.",
                List.of(Param.opt("focus", "string", "What the brief should keep in view, e.g. \"the API tasks "
                        + "still open and the failing verify\".").maxChars(2_000)),
                (a, caller) -> {
                    BriefDesk.Compacted c = s.briefs().compact(a.optString("focus"), models.router(s));
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("brief", c.brief().text());
                    m.put("made_by", c.brief().madeBy());
                    m.put("note", c.brief().note());
                    m.put("chars", c.brief().text().length());
                    m.put("compaction", c.compaction());
                    return m;
                });
    }

    private static Integer number(ToolArgs a, String name) {
        long v = a.optLong(name, -1);
        return v < 0 ? null : (int) v;
    }

    private static Map<String, Object> view(WebResearch.Result r) {
        WebResearch.Answer a = r.answer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query", a.query());
        m.put("brief", a.brief());
        m.put("researched_by", a.researchedBy());
        m.put("note", a.note());
        if (r.cached()) {
            m.put("cached", "from the cache, " + age(r.ageSeconds()) + " old");
        }
        m.put("sources", a.sources().stream().map(src -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("n", src.n());
            v.put("title", src.title());
            v.put("url", src.url());
            v.put("snippet", src.snippet());
            v.put("page", src.read());
            return v;
        }).toList());
        return m;
    }

    private static String age(long seconds) {
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }
}
