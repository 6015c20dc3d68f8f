package io.agentorchestr.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conversation an agent had in a directory, for agents that choose their conversation ids
 * themselves and take none at launch (OpenCode): asked of the agent with its {@code
 * conversation_list_args}, whose output is a JSON array of {@code {id, directory, updated}}. Agents
 * with a pre-assigned id ({@code session_id_args}) never need it.
 */
public final class ConversationFinder {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessRunner runner;

    public ConversationFinder(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * {@code stored} when the conversation id is already known, else the agent's newest conversation
     * in {@code dir}; empty when the agent cannot list them or has none there (it then starts afresh).
     */
    public Optional<String> find(AgentProfile profile, Path binary, Path dir, String stored) {
        if (stored != null) {
            return Optional.of(stored);
        }
        if (profile.conversationListArgs().isEmpty()) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.addAll(profile.conversationListArgs());
        try {
            ExecResult r = runner.run(ProcessSpec.of(argv).in(dir).withEnv(profile.env()).withTimeout(TIMEOUT));
            return r.ok() ? newestIn(r.stdout(), dir) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The id of the most recently updated entry whose directory is {@code dir}. */
    static Optional<String> newestIn(String listing, Path dir) {
        JsonNode entries;
        try {
            entries = JSON.readTree(listing);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (entries == null || !entries.isArray()) {
            return Optional.empty();
        }
        Path wanted = canonical(dir);
        String best = null;
        long bestUpdated = Long.MIN_VALUE;
        for (JsonNode e : entries) {
            String id = e.path("id").asText("");
            String directory = e.path("directory").asText("");
            long updated = e.path("updated").asLong(Long.MIN_VALUE);
            if (!id.isBlank() && !directory.isBlank() && canonical(Path.of(directory)).equals(wanted)
                    && (best == null || updated > bestUpdated)) {
                best = id;
                bestUpdated = updated;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
