package io.agentorchestr.core.discovery;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.config.PrivateFile;
import io.agentorchestr.core.error.AgentorchestrException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The cards directory, {@code $XDG_RUNTIME_DIR/agentorchestr-agents} (0700, the user's own): shims
 * write their cards there, discovery reads them and prunes those whose shim is gone.
 */
public final class AgentCards {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    public AgentCards(Path dir) {
        this.dir = dir;
    }

    /**
     * {@code $XDG_RUNTIME_DIR/agentorchestr-agents}; without a runtime directory, a directory of the
     * user's own under the temporary directory.
     */
    public static AgentCards of(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return new AgentCards(Path.of(runtime).resolve("agentorchestr-agents"));
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return new AgentCards(Path.of(System.getProperty("java.io.tmpdir")).resolve("agentorchestr-agents-" + user));
    }

    public Path dir() {
        return dir;
    }

    /** Creates the directory 0700, or checks that the existing one is ours and closed to others. */
    public Path ensureDirectory() {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!owner.equals(System.getProperty("user.name")) || !OWNER_ONLY.containsAll(perms)) {
                throw AgentorchestrException.usage(dir + " belongs to " + owner + " with permissions "
                        + PosixFilePermissions.toString(perms) + "; agent cards and sockets need a directory only you "
                        + "can enter: chmod 700 " + dir + " (or remove it)");
            }
            return dir;
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot create " + dir + ": " + e.getMessage()
                    + "; check XDG_RUNTIME_DIR and its permissions", e);
        }
    }

    /** Writes (or replaces) {@code card}, 0600, through a temporary file and a rename. */
    public Path write(AgentCard card) {
        Path file = dir.resolve(card.fileName());
        // Readers never see half a card: it is whole in its temporary file before the rename.
        Path tmp = dir.resolve("." + card.fileName() + ".tmp");
        try {
            PrivateFile.write(tmp, "the agent card", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(card)
                    + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot write the agent card " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    public void remove(AgentCard card) {
        try {
            Files.deleteIfExists(dir.resolve(card.fileName()));
        } catch (IOException e) {
            // A card left behind is pruned by the next discovery: its shim is gone.
        }
    }

    /**
     * Every card whose shim still runs. Cards of shims that are gone (killed, crashed) are deleted
     * with their sockets; unreadable files are skipped.
     */
    public List<AgentCard> live() {
        List<AgentCard> cards = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return cards;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return cards;
        }
        for (Path file : files) {
            AgentCard card;
            try {
                card = JSON.readValue(file.toFile(), AgentCard.class);
            } catch (IOException e) {
                continue;
            }
            if (ProcessHandle.of(card.shimPid()).map(ProcessHandle::isAlive).orElse(false)) {
                cards.add(card);
            } else {
                prune(file, card);
            }
        }
        return cards;
    }

    private static void prune(Path file, AgentCard card) {
        try {
            Files.deleteIfExists(file);
            if (card.socket() != null && Path.of(card.socket()).startsWith(file.getParent())) {
                Files.deleteIfExists(Path.of(card.socket()));
            }
        } catch (IOException e) {
            // Tried again by the next discovery.
        }
    }
}
