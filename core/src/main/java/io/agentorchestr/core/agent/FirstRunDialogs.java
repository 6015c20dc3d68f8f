package io.agentorchestr.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentorchestr.core.error.AgentorchestrException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-accepts first-run dialogs an agent would otherwise stop at in a directory it has never seen
 * (every worktree is new to it).
 * <ul>
 * <li>"claude-folder-trust": Claude Code's folder-trust prompt, accepted through
 * {@code projects[<dir>].hasTrustDialogAccepted} in its global config, written atomically (temp file +
 * rename) and keeping every other key the user has: Claude Code has no launch-time setting for it.</li>
 * <li>"codex-folder-trust": Codex's "Trust this folder?" screen, avoided with a launch-time config
 * override ({@link CodexTrust}); nothing is written.</li>
 * </ul>
 */
public final class FirstRunDialogs {
    public static final String CLAUDE_FOLDER_TRUST = "claude-folder-trust";
    public static final String CODEX_FOLDER_TRUST = "codex-folder-trust";

    private final Path claudeConfig;
    private final CodexTrust codexTrust;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param claudeConfig Claude Code's global config ({@code $CLAUDE_CONFIG_DIR/.claude.json} or {@code ~/.claude.json})
     * @param codexHome    Codex's home ({@code $CODEX_HOME} or {@code ~/.codex})
     */
    public FirstRunDialogs(Path claudeConfig, Path codexHome) {
        this.claudeConfig = claudeConfig;
        this.codexTrust = new CodexTrust(codexHome);
    }

    /**
     * Makes {@code dirs} (the agent's directory, inside the repository at {@code project}) trusted for
     * the agent, and returns what its launch command needs for that (often nothing).
     */
    public List<String> preAccept(AgentProfile profile, Path project, List<Path> dirs) {
        List<String> args = new ArrayList<>();
        if (profile.firstRun().contains(CLAUDE_FOLDER_TRUST)) {
            trustForClaude(dirs);
        }
        if (profile.firstRun().contains(CODEX_FOLDER_TRUST)) {
            List<Path> trusted = new ArrayList<>(dirs);
            trusted.add(project);
            args.addAll(codexTrust.launchArgs(trusted));
        }
        return args;
    }

    /**
     * Takes back what {@link #preAccept} wrote for {@code dirs} (directories that are gone, such as a
     * live check's temporary repository), so the user's config does not collect dead entries.
     */
    public void forget(AgentProfile profile, List<Path> dirs) {
        if (profile.firstRun().contains(CLAUDE_FOLDER_TRUST) && Files.exists(claudeConfig)) {
            update(root -> {
                JsonNode projects = root.path("projects");
                if (projects instanceof ObjectNode p) {
                    dirs.forEach(d -> p.remove(d.toAbsolutePath().normalize().toString()));
                }
            });
        }
    }

    void trustForClaude(List<Path> dirs) {
        update(root -> {
            ObjectNode projects = root.has("projects") && root.get("projects").isObject()
                    ? (ObjectNode) root.get("projects") : root.putObject("projects");
            for (Path dir : dirs) {
                String key = dir.toAbsolutePath().normalize().toString();
                ObjectNode entry = projects.has(key) && projects.get(key).isObject() ? (ObjectNode) projects.get(key)
                        : projects.putObject(key);
                entry.put("hasTrustDialogAccepted", true);
            }
        });
    }

    /** Reads Claude Code's config, changes it, and writes it back atomically, keeping every other key. */
    private synchronized void update(java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode root = Files.exists(claudeConfig) && Files.size(claudeConfig) > 0
                    ? asObject(json.readTree(Files.readString(claudeConfig, StandardCharsets.UTF_8)))
                    : json.createObjectNode();
            change.accept(root);
            Files.createDirectories(claudeConfig.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(claudeConfig.toAbsolutePath().getParent(), ".claude.json.", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                    StandardCharsets.UTF_8);
            Files.move(tmp, claudeConfig, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot pre-accept Claude Code's folder trust in " + claudeConfig + ": "
                    + e.getMessage() + "; check that the file is valid JSON and writable", e);
        }
    }

    private static ObjectNode asObject(JsonNode node) throws IOException {
        if (!(node instanceof ObjectNode o)) {
            throw new IOException("the top level is not a JSON object");
        }
        return o;
    }
}
