package io.agentorchestr.skills;

import io.agentorchestr.core.error.AgentorchestrException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A skill's canonical digest: the text that is signed. One header line, then one line per file,
 * {@code <sha256 hex>  <path>}, paths relative with '/' and sorted by their UTF-8 bytes. Every file
 * counts except {@code .git/} and the signature {@code skill.sig}; a symlink anywhere is refused (it
 * could point out of the skill, and its target is not what was signed).
 */
public final class SkillDigest {
    public static final String HEADER = "agentorchestr-skill-digest v1";
    public static final String SIGNATURE_FILE = "skill.sig";

    private SkillDigest() {
    }

    /** The digest text of {@code dir}. */
    public static String of(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw AgentorchestrException.usage(dir + " is not a skill directory (it is missing or not a directory)");
        }
        List<byte[]> paths = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return d.equals(dir.resolve(".git")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = relative(dir, file);
                    if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
                        throw AgentorchestrException.usage("the skill holds " + (attrs.isSymbolicLink()
                                ? "a symlink" : "a file that is not a regular file") + ", " + rel
                                + "; a skill is plain files and directories");
                    }
                    if (!rel.equals(SIGNATURE_FILE)) {
                        paths.add(rel.getBytes(StandardCharsets.UTF_8));
                        lines.add(sha256(file) + "  " + rel);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot read the skill " + dir + ": " + e.getMessage(), e);
        }
        Integer[] order = new Integer[lines.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(paths.get(a), paths.get(b)));
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (int i : order) {
            s.append(lines.get(i)).append('\n');
        }
        return s.toString();
    }

    private static String relative(Path dir, Path file) {
        String rel = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        if (rel.indexOf('\n') >= 0 || rel.indexOf('\r') >= 0) {
            throw AgentorchestrException.usage("the skill holds a file whose name has a line break; rename it");
        }
        return rel;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
