package io.agentorchestr.core.worker;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.model.MessageType;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The roles of a session's workers: the built-in ones and the project's own, declared in
 * {@code .agentorchestr/config.toml} as {@code [perspectives.NAME]} tables with {@code guide},
 * {@code tools} (the worker tools it may call; all when left out), {@code merged} (default true) and,
 * for a role that is not merged, {@code produces} (the message type its outcome is sent as).
 */
public final class Perspectives {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final List<Perspective> all;

    private Perspectives(List<Perspective> all) {
        this.all = List.copyOf(all);
    }

    public static final Perspectives BUILT_IN = new Perspectives(Perspective.BUILT_IN);

    /** The built-in roles and the project's; a bad declaration is refused, naming the file and the key. */
    public static Perspectives load(Path projectRoot) {
        List<Perspective> all = new ArrayList<>(Perspective.BUILT_IN);
        Optional<TomlParseResult> toml = ProjectConfig.load(projectRoot);
        String file = ProjectConfig.file(projectRoot).toString();
        TomlTable table = toml.map(t -> t.getTable("perspectives")).orElse(null);
        if (table == null) {
            return new Perspectives(all);
        }
        for (String name : table.keySet()) {
            String key = "[perspectives." + name + "]";
            if (!NAME.matcher(name).matches()) {
                throw wrong(file, key + ": a role's name is lower-case letters, digits and '-', starting with a letter");
            }
            if (Perspective.find(name).isPresent()) {
                throw wrong(file, key + ": '" + name + "' is a built-in role (" + Perspective.labels()
                        + "); give yours another name");
            }
            if (!(table.get(name) instanceof TomlTable role)) {
                throw wrong(file, key + " must be a table with guide = \"...\"");
            }
            all.add(role(file, key, name, role));
        }
        return new Perspectives(all);
    }

    private static Perspective role(String file, String key, String name, TomlTable role) {
        if (!(role.get("guide") instanceof String guide) || guide.isBlank()) {
            throw wrong(file, key + " needs guide = \"...\": what a worker in this role does (it goes into its prompt)");
        }
        List<String> tools = new ArrayList<>();
        Object t = role.get("tools");
        if (t != null) {
            if (!(t instanceof TomlArray array) || array.isEmpty()) {
                throw wrong(file, key + " tools must be a non-empty list of worker tool names, like tools = "
                        + "[\"report_done\", \"send_message\"]; leave it out for all of them");
            }
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof String tool) || tool.isBlank()) {
                    throw wrong(file, key + " tools item " + (i + 1) + " must be a tool name");
                }
                tools.add(tool.strip());
            }
        }
        Object merged = role.get("merged");
        if (merged != null && !(merged instanceof Boolean)) {
            throw wrong(file, key + " merged must be true or false");
        }
        boolean isMerged = merged == null || (Boolean) merged;
        Object produces = role.get("produces");
        MessageType type = null;
        if (produces != null) {
            type = MessageType.find(String.valueOf(produces)).orElseThrow(() -> wrong(file, key + " produces must "
                    + "be one of " + MessageType.labels()));
        }
        if (!isMerged && type == null) {
            throw wrong(file, key + " is not merged, so it needs produces = \"result\" (or review, ...): the "
                    + "message type its outcome reaches the lead as");
        }
        return new Perspective(name, guide.strip(), tools, isMerged, isMerged ? null : type);
    }

    private static AgentorchestrException wrong(String file, String problem) {
        return AgentorchestrException.usage(file + ": " + problem);
    }

    public List<Perspective> all() {
        return all;
    }

    public Optional<Perspective> find(String label) {
        String l = label == null ? "" : label.strip();
        return all.stream().filter(p -> p.label().equalsIgnoreCase(l)).findFirst();
    }

    /** The role a stored worker has; a label no longer declared (config changed since) counts as implementer. */
    public Perspective of(String label) {
        return find(label).orElse(Perspective.IMPLEMENTER);
    }

    public String labels() {
        return all.stream().map(Perspective::label).collect(Collectors.joining(", "));
    }

    /** Refused with the known tools named when a role names a tool that is not one of {@code workerTools}. */
    public void requireKnownTools(List<String> workerTools, Path projectRoot) {
        for (Perspective p : all) {
            for (String tool : p.tools()) {
                if (!workerTools.contains(tool)) {
                    throw wrong(ProjectConfig.file(projectRoot).toString(), "[perspectives." + p.label() + "] tools "
                            + "names '" + tool + "', which is no worker tool; worker tools: "
                            + String.join(", ", workerTools));
                }
            }
        }
    }
}
