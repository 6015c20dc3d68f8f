package io.agentorchestr.core.agent;

import io.agentorchestr.core.error.AgentorchestrException;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The known agents: the bundled {@code agents.toml}, with a user file merged over it key by key
 * (a user may add an agent or change one flag of a bundled one without copying the rest).
 */
public final class AgentRegistry {
    private static final String BUNDLED = "agents.toml";
    private final Map<String, AgentProfile> profiles;

    private AgentRegistry(Map<String, AgentProfile> profiles) {
        this.profiles = profiles;
    }

    /** The bundled profiles merged with {@code userFile} when it exists. */
    public static AgentRegistry load(Path userFile) {
        Map<String, Map<String, Object>> raw = new LinkedHashMap<>();
        try (InputStream in = AgentRegistry.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + BUNDLED + " missing from the classpath");
            }
            merge(raw, parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled " + BUNDLED));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled " + BUNDLED, e);
        }
        if (userFile != null && Files.isRegularFile(userFile)) {
            try {
                merge(raw, parse(Files.readString(userFile, StandardCharsets.UTF_8), userFile.toString()));
            } catch (IOException e) {
                throw AgentorchestrException.error("cannot read " + userFile + ": " + e.getMessage(), e);
            }
        }
        Map<String, AgentProfile> profiles = new LinkedHashMap<>();
        raw.forEach((key, table) -> {
            try {
                profiles.put(key, AgentProfiles.fromTable(key, table));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw AgentorchestrException.error("invalid agent definition [agents." + key + "]"
                        + (userFile != null && Files.isRegularFile(userFile) ? " (after merging " + userFile + ")" : "")
                        + ": " + e.getMessage());
            }
        });
        return new AgentRegistry(profiles);
    }

    private static Map<String, Map<String, Object>> parse(String text, String source) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            throw AgentorchestrException.error("invalid TOML in " + source + ": " + toml.errors().get(0)
                    + "; fix the file or move it aside");
        }
        TomlTable agents = toml.getTable("agents");
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (agents != null) {
            for (String key : agents.keySet()) {
                TomlTable t = agents.getTable(key);
                if (t == null) {
                    throw AgentorchestrException.error("invalid " + source + ": [agents." + key + "] must be a table");
                }
                out.put(key, flatten(t));
            }
        }
        return out;
    }

    /** Dotted keys ("markers.busy") become flat entries so a user can override a single marker list. */
    private static Map<String, Object> flatten(TomlTable table) {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (String dotted : table.dottedKeySet()) {
            Object value = table.get(List.of(dotted.split("\\.")));
            flat.put(dotted, value instanceof TomlArray a ? toStrings(a) : value);
        }
        return flat;
    }

    private static List<String> toStrings(TomlArray array) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(String.valueOf(array.get(i)));
        }
        return out;
    }

    private static void merge(Map<String, Map<String, Object>> into, Map<String, Map<String, Object>> over) {
        over.forEach((key, table) -> into.computeIfAbsent(key, k -> new LinkedHashMap<>()).putAll(table));
    }

    public Collection<AgentProfile> all() {
        return profiles.values();
    }

    public Optional<AgentProfile> find(String key) {
        return Optional.ofNullable(profiles.get(key));
    }

    public List<String> names() {
        return List.copyOf(profiles.keySet());
    }
}
