package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.process.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --init on real projects, and the preamble it makes reaching the lead's and the workers' prompts. */
@Timeout(180)
class ProjectContextIT extends SandboxedRun {

    private Map<String, String> files(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.toString().contains("/.git/")).toList()) {
                all.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "/");
            }
        }
        return all;
    }

    private String init(Path root, String... extra) {
        String[] args = Stream.concat(Stream.of("--init", "--project", root.toString()), Stream.of(extra))
                .toArray(String[]::new);
        ExecResult r = dist.run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout();
    }

    private String verifyBlock(Path root) throws IOException {
        String md = Files.readString(root.resolve(".agentorchestr/PROJECT.md"));
        return md.substring(md.indexOf("```sh\n") + 6, md.lastIndexOf("```"));
    }

    @Test
    void initOnMavenNpmAndGoProjectsWritesTheirVerifyCommandsAndASecondRunChangesNothing() throws IOException {
        Files.writeString(project.dir().resolve("pom.xml"), "<project/>");
        project.git("add", "pom.xml");
        project.git("commit", "-q", "-m", "maven");
        Path sub = Files.createDirectories(project.dir().resolve("core"));
        String out = init(sub);
        assertTrue(out.contains("created   .agentorchestr/PROJECT.md"), out);
        assertTrue(Files.exists(project.dir().resolve(".agentorchestr/PROJECT.md")), "written at the repository root");
        assertEquals("mvn -B -q verify\n", verifyBlock(project.dir()));
        Map<String, String> before = files(project.dir());
        String again = init(project.dir());
        assertTrue(again.lines().skip(1).allMatch(l -> l.strip().startsWith("kept")), again);
        assertEquals(before, files(project.dir()));

        Path npm = Files.createDirectories(dir.resolve("web"));
        Files.writeString(npm.resolve("package.json"), "{\"scripts\": {\"test\": \"node --test\"}}");
        Files.writeString(npm.resolve("package-lock.json"), "{}");
        init(npm);
        assertEquals("npm ci\nnpm test\n", verifyBlock(npm));

        Path go = Files.createDirectories(dir.resolve("svc"));
        Files.writeString(go.resolve("go.mod"), "module svc\n");
        init(go);
        assertEquals("go vet ./...\ngo test ./...\n", verifyBlock(go));
        before = files(go);
        init(go);
        assertEquals(before, files(go));

        ExecResult forced = dist.run("--init", "--init-force", "--project", go.toString(), "--json");
        assertEquals(0, forced.exitCode(), forced.stderr());
        assertTrue(forced.stdout().contains("\"action\" : \"kept\""), forced.stdout());
        ExecResult alone = dist.run("--init-force");
        assertEquals(2, alone.exitCode());
        assertTrue(alone.stderr().contains("--init-force goes with --init"), alone.stderr());
    }

    @Test
    void thePreambleOpensTheLeadsAndEveryWorkersPromptWithTheSameBytesAndIsCutWithinItsBudget() throws IOException {
        init(project.dir());
        Path ctx = project.dir().resolve(".agentorchestr");
        Files.writeString(ctx.resolve("PROJECT.md"), "# Shop\nThe shop sells hats.\n" + "filler line\n".repeat(50)
                + "## How to verify\n```sh\ntest -f demo/w01.md\n```\n");
        Files.writeString(ctx.resolve("CONVENTIONS.md"), "Hats are always plural.\n");
        Files.writeString(ctx.resolve("config.toml"), "[context]\nproject_chars = 300\n");
        Path global = Path.of(dist.environment().get("XDG_CONFIG_HOME"), "agentorchestr", "global.md");
        Files.createDirectories(global.getParent());
        Files.writeString(global, "Reply tersely.\n");

        JsonNode out = goal("Add a greeting\nAdd a farewell", 0);

        Path prompts = Path.of(dist.environment().get("XDG_STATE_HOME"), "agentorchestr", "sessions",
                out.get("session").asText(), "prompts");
        String lead = Files.readString(prompts.resolve("lead.md"));
        String w1 = Files.readString(prompts.resolve("w01.md"));
        String w2 = Files.readString(prompts.resolve("w02.md"));
        int end = lead.indexOf("# agentorchestr lead");
        String preamble = lead.substring(0, end);
        assertTrue(preamble.startsWith("# Project context\n\n## Your standing instructions (global.md)\nReply tersely."),
                preamble);
        assertTrue(preamble.contains("The shop sells hats."), preamble);
        assertTrue(preamble.contains("[agentorchestr cut this section here: PROJECT.md has "), preamble);
        assertTrue(preamble.contains("Hats are always plural."), preamble);
        assertTrue(w1.startsWith(preamble) && w2.startsWith(preamble), "the workers' prompts start with the lead's "
                + "preamble, byte for byte:\n" + w1);
        assertTrue(lead.endsWith("## Goal\nAdd a greeting\nAdd a farewell\n"), "the goal is whole:\n" + lead);
        assertTrue(w2.strip().endsWith("## Your task\nAdd a farewell"), w2);
    }

    @Test
    void aGoalLeavesItsEpisodeWhichMemorySearchFindsAndTheNextMatchingWorkerGets() throws IOException {
        init(project.dir());
        JsonNode first = goal("Add the invoice PDF export\nBreak the invoice totals [demo:fail]", 3);
        Path episodes = project.dir().resolve(".agentorchestr/memory/episodes");
        Path episode = episodes.resolve(Files.list(episodes).findFirst().orElseThrow().getFileName());
        String text = Files.readString(episode);
        assertTrue(episode.getFileName().toString().endsWith("-" + first.get("session").asText() + ".md"), episode.toString());
        assertTrue(text.contains("## What failed and why\n- w02 failed: scripted failure"), text);

        ExecResult search = dist.run("--memory-search", "invoice totals", "--project", project.dir().toString(),
                "--json");
        assertEquals(0, search.exitCode(), search.stderr());
        JsonNode hits = json.readTree(search.stdout());
        assertEquals(".agentorchestr/memory/episodes/" + episode.getFileName(), hits.get(0).get("note").asText());
        assertEquals("episodes", hits.get(0).get("kind").asText());
        ExecResult none = dist.run("--memory-search", "kubernetes", "--project", project.dir().toString());
        assertEquals(1, none.exitCode());
        assertTrue(none.stderr().contains("no note matches \"kubernetes\""), none.stderr());

        project.git("add", "-A");  // what --init made that is the team's: the ignored rest stays out
        project.git("commit", "-q", "-m", "agentorchestr context");
        assertEquals("", project.git("status", "--porcelain"), "episodes and the rest are machine-local");
        assertEquals("", project.git("ls-files", ".agentorchestr/memory/episodes", ".agentorchestr/skills"));
        ExecResult next = dist.run("--goal", "Fix the invoice totals", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json");
        assertEquals(0, next.exitCode(), next.stderr());
        assertTrue(!next.stderr().contains("uncommitted changes"), "our own files are not the user's changes:\n"
                + next.stderr());
        Files.writeString(project.dir().resolve(".agentorchestr/memory/topics/hats.md"), "Hats are plural.\n");
        Files.writeString(project.dir().resolve("notes.txt"), "the user's own change\n");
        ExecResult third = dist.run("--goal", "Fix the invoice header", "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach");
        assertEquals(0, third.exitCode(), third.stderr());
        assertTrue(third.stderr().contains("your checkout has uncommitted changes (1 file(s))"), third.stderr());

        JsonNode second = json.readTree(next.stdout());
        Path prompts = Path.of(dist.environment().get("XDG_STATE_HOME"), "agentorchestr", "sessions",
                second.get("session").asText(), "prompts");
        String w01 = Files.readString(prompts.resolve("w01.md"));
        assertTrue(w01.contains("## From the project's memory") && w01.contains("w02 failed: scripted failure"), w01);
    }
}
