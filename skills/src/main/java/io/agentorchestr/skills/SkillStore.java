package io.agentorchestr.skills;

import io.agentorchestr.core.error.AgentorchestrException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The installed skills: global ones in {@code <data>/skills/<name>/}, project ones in
 * {@code <project>/.agentorchestr/skills/<name>/} (a project skill hides a global one of the same
 * name). Each is a git clone (JGit) checked out at a pinned commit; the ref it follows is kept in the
 * clone's config. A skill is checked (manifest, signature) before it takes its place, so a bad one
 * never replaces a good one.
 */
public final class SkillStore {
    private static final String SECTION = "agentorchestr";

    private final Path globalDir;
    private final Path projectDir;
    private final SkillSignatures signatures;

    /** {@code projectDir} may be null: outside a project, only global skills. */
    public SkillStore(Path globalDir, Path projectDir, SkillSignatures signatures) {
        this.globalDir = globalDir;
        this.projectDir = projectDir;
        this.signatures = signatures;
    }

    /** Clones {@code source} at {@code ref} (default: its HEAD), checks it and installs it. */
    public InstalledSkill add(SkillSource source, String ref, boolean project, boolean requireSigned) {
        Path scopeDir = scopeDir(project);
        Path incoming = scopeDir.resolve(".incoming-" + UUID.randomUUID());
        try {
            Files.createDirectories(scopeDir);
            try (Git git = Git.cloneRepository().setURI(source.uri()).setDirectory(incoming.toFile())
                    .setCloneAllBranches(true).call()) {
                Repository repo = git.getRepository();
                // With no --ref, the skill follows the repository's default branch (as cloned).
                String follow = ref != null ? ref : repo.getBranch();
                ObjectId commit = ref == null ? repo.resolve("HEAD") : resolve(repo, ref);
                if (commit == null) {
                    throw AgentorchestrException.usage("the repository " + source.given() + " has no commit to install");
                }
                git.checkout().setForced(true).setName(commit.name()).call();
                StoredConfig config = repo.getConfig();
                config.setString(SECTION, null, "ref", follow);
                config.setString(SECTION, null, "source", source.given());
                config.save();
            }
            SkillManifest manifest = SkillManifest.read(incoming);
            admit(incoming, requireSigned);
            Path target = scopeDir.resolve(manifest.name());
            if (Files.exists(target)) {
                throw AgentorchestrException.usage("the skill " + manifest.name() + " is installed already in "
                        + target + "; update it with --skill-update " + manifest.name() + ", or remove it first");
            }
            Files.move(incoming, target);
            return describe(target, project ? InstalledSkill.PROJECT : InstalledSkill.GLOBAL, false);
        } catch (GitAPIException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            throw AgentorchestrException.usage("cannot clone " + source.given() + (ref == null ? "" : " at " + ref)
                    + ": " + e.getMessage());
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot install the skill from " + source.given() + ": "
                    + e.getMessage(), e);
        } finally {
            deleteTree(incoming);
        }
    }

    /**
     * Every usable skill, project ones first; a global one hidden by a project one of the same name says
     * so. A directory that is no longer a valid skill (edited by hand) is skipped: see {@link #problems()}.
     */
    public List<InstalledSkill> list() {
        List<InstalledSkill> out = new ArrayList<>();
        Set<String> projectNames = new HashSet<>();
        if (projectDir != null) {
            for (Path dir : dirs(projectDir)) {
                tryDescribe(dir, InstalledSkill.PROJECT, false).ifPresent(s -> {
                    projectNames.add(s.manifest().name());
                    out.add(s);
                });
            }
        }
        for (Path dir : dirs(globalDir)) {
            tryDescribe(dir, InstalledSkill.GLOBAL, false).ifPresent(s -> out.add(projectNames.contains(
                    s.manifest().name()) ? describe(dir, InstalledSkill.GLOBAL, true) : s));
        }
        return out;
    }

    /** What is wrong with each installed directory that is not a usable skill. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Path scope : projectDir == null ? List.of(globalDir) : List.of(projectDir, globalDir)) {
            for (Path dir : dirs(scope)) {
                try {
                    SkillManifest.read(dir);
                } catch (AgentorchestrException e) {
                    out.add(e.getMessage());
                }
            }
        }
        return out;
    }

    private Optional<InstalledSkill> tryDescribe(Path dir, String scope, boolean overridden) {
        try {
            return Optional.of(describe(dir, scope, overridden));
        } catch (AgentorchestrException e) {
            return Optional.empty();
        }
    }

    /** The skill named {@code name} that counts here: the project's, else the global one. */
    public Optional<InstalledSkill> find(String name) {
        return list().stream().filter(s -> s.manifest().name().equals(name) && !s.overridden()).findFirst();
    }

    public InstalledSkill remove(String name) {
        InstalledSkill s = require(name);
        deleteTree(s.dir());
        return s;
    }

    /** What an update changed: the commits before and after, and the files that differ. */
    public record Update(InstalledSkill skill, String before, String after, List<String> changed) {
    }

    /** Fetches the ref the skill follows, checks the new commit, and moves to it; a refused update changes nothing. */
    public Update update(String name, boolean requireSigned) {
        InstalledSkill s = require(name);
        try (Git git = Git.open(s.dir().toFile())) {
            git.fetch().setRemote("origin").call();
            ObjectId before = git.getRepository().resolve("HEAD");
            ObjectId after = resolve(git.getRepository(), s.ref());
            List<String> changed = new ArrayList<>();
            for (var d : git.diff().setOldTree(tree(git.getRepository(), before))
                    .setNewTree(tree(git.getRepository(), after)).setShowNameAndStatusOnly(true).call()) {
                changed.add(d.getChangeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                        + (d.getChangeType() == org.eclipse.jgit.diff.DiffEntry.ChangeType.DELETE ? d.getOldPath()
                        : d.getNewPath()));
            }
            git.checkout().setForced(true).setName(after.name()).call();
            try {
                SkillManifest.read(s.dir());
                admit(s.dir(), requireSigned);
            } catch (AgentorchestrException refused) {
                git.checkout().setForced(true).setName(before.name()).call();
                throw AgentorchestrException.usage("the update of " + name + " to " + after.name().substring(0, 12)
                        + " was refused and " + name + " stays at " + before.name().substring(0, 12) + ": "
                        + refused.getMessage());
            }
            return new Update(describe(s.dir(), s.scope(), false), before.name(), after.name(), changed);
        } catch (GitAPIException | IOException e) {
            throw AgentorchestrException.error("cannot update the skill " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A signed skill whose signature fails is always refused; with {@code requireSigned}, so is an
     * unsigned or untrusted one.
     */
    void admit(Path dir, boolean requireSigned) {
        SkillSignatures.Verdict v = signatures.verify(dir);
        if (v.signed() && !v.valid()) {
            throw AgentorchestrException.usage("refused: " + v.reason());
        }
        if (requireSigned && !v.ok()) {
            throw AgentorchestrException.usage("refused, signed skills are required: " + v.reason());
        }
    }

    private InstalledSkill require(String name) {
        return find(name).orElseThrow(() -> AgentorchestrException.usage("no skill named '" + name + "' is "
                + "installed; --skill-list shows them"));
    }

    private InstalledSkill describe(Path dir, String scope, boolean overridden) {
        String source = null;
        String ref = null;
        String commit = null;
        try (Git git = Git.open(dir.toFile())) {
            source = git.getRepository().getConfig().getString(SECTION, null, "source");
            ref = git.getRepository().getConfig().getString(SECTION, null, "ref");
            ObjectId head = git.getRepository().resolve("HEAD");
            commit = head == null ? null : head.name();
        } catch (IOException e) {
            // a skill copied in by hand: no git history, still a skill
        }
        return new InstalledSkill(SkillManifest.read(dir), scope, dir, source, ref, commit, signatures.verify(dir),
                overridden);
    }

    private static ObjectId resolve(Repository repo, String ref) throws IOException {
        if (ref == null) {
            throw AgentorchestrException.usage("this skill does not say which ref it follows; remove it and add it "
                    + "again");
        }
        for (String candidate : List.of("refs/remotes/origin/" + ref, "refs/tags/" + ref + "^{commit}", ref
                + "^{commit}")) {
            ObjectId id = repo.resolve(candidate);
            if (id != null) {
                return id;
            }
        }
        throw AgentorchestrException.usage("--ref " + ref + ": no such branch, tag or commit in the skill's repository");
    }

    private static org.eclipse.jgit.treewalk.AbstractTreeIterator tree(Repository repo, ObjectId commit)
            throws IOException {
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
            org.eclipse.jgit.treewalk.CanonicalTreeParser p = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
            try (var reader = repo.newObjectReader()) {
                p.reset(reader, walk.parseCommit(commit).getTree());
            }
            return p;
        }
    }

    private Path scopeDir(boolean project) {
        if (project && projectDir == null) {
            throw AgentorchestrException.usage("--project needs a project: run it inside a git repository, or pass "
                    + "--project PATH");
        }
        return project ? projectDir : globalDir;
    }

    private static List<Path> dirs(Path scope) {
        if (!Files.isDirectory(scope)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(scope)) {
            return s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isRegularFile(p.resolve("skill.toml"))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // what is left of a temporary clone is harmless; an uninstall says so through its result
        }
    }
}
