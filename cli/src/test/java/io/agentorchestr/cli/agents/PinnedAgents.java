package io.agentorchestr.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent CLIs the ITs drive, at the versions pinned in src/it/npm/package.json: the one place
 * Maven (npm install before the ITs) and .ci/run read them from.
 */
final class PinnedAgents {
    static final Path PACKAGE_JSON = Path.of("src/it/npm/package.json");
    /** npm package -> agent key in agents.toml. */
    static final Map<String, String> AGENT_OF_PACKAGE = Map.of(
            "@anthropic-ai/claude-code", "claude",
            "@openai/codex", "codex",
            "@google/gemini-cli", "gemini",
            "opencode-ai", "opencode");

    record Pin(String agent, String npmPackage, String version) {
    }

    private PinnedAgents() {
    }

    static List<Pin> load() throws IOException {
        JsonNode deps = new ObjectMapper().readTree(Files.readString(PACKAGE_JSON)).path("dependencies");
        List<Pin> pins = new ArrayList<>();
        AGENT_OF_PACKAGE.forEach((pkg, agent) -> {
            if (deps.has(pkg)) {
                pins.add(new Pin(agent, pkg, deps.get(pkg).asText()));
            }
        });
        return pins;
    }

    /** The pinned version of an agent, for the ITs to file the screens they capture under. */
    static String versionOf(String agent) throws IOException {
        return load().stream().filter(p -> p.agent().equals(agent)).map(Pin::version).findFirst()
                .orElseThrow(() -> new IllegalStateException(agent + " is not pinned in " + PACKAGE_JSON));
    }
}
