package io.agentorchestr.skills;

import io.agentorchestr.core.error.AgentorchestrException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The trust store: an OpenSSH allowed_signers file ({@code principals [options] keytype key
 * [comment]}, see ssh-keygen(1)), so the same file works with {@code ssh-keygen -Y verify}. A key is
 * trusted for a namespace when a line names it and its {@code namespaces=} option (if any) allows the
 * namespace, within its {@code valid-after}/{@code valid-before}. Certificate authorities are not
 * supported and never match.
 */
public final class AllowedSigners {
    public static final String NAMESPACE = "agentorchestr-skill";

    private final Path file;

    public AllowedSigners(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** One usable line: who, which namespaces (null: any), the validity window, the key. */
    record Entry(List<String> principals, String namespaces, String validAfter, String validBefore,
                 boolean certAuthority, PublicKey key) {
    }

    /** The principals that {@code key} is trusted as for {@code namespace}; empty when it is not trusted. */
    Optional<String> principalsFor(PublicKey key, String namespace) {
        List<String> who = new ArrayList<>();
        for (Entry e : entries()) {
            if (!e.certAuthority() && e.key().equals(key) && allows(e.namespaces(), namespace) && current(e)) {
                who.addAll(e.principals());
            }
        }
        return who.isEmpty() ? Optional.empty() : Optional.of(String.join(",", who));
    }

    /** Adds {@code principal namespaces="agentorchestr-skill" ssh-ed25519 ...}, unless it is there already. */
    boolean trust(PublicKey key, String principal) {
        if (!principal.matches("[A-Za-z0-9._@+-]{1,200}")) {
            throw AgentorchestrException.usage("--principal must be a name like alice@example.com (letters, digits, "
                    + ". _ @ + -), not '" + principal + "'");
        }
        for (Entry e : entries()) {
            if (e.key().equals(key) && e.principals().contains(principal) && allows(e.namespaces(), NAMESPACE)) {
                return false;
            }
        }
        List<String> lines = new ArrayList<>(lines());
        lines.add(principal + " namespaces=\"" + NAMESPACE + "\" " + key.line());
        write(lines);
        return true;
    }

    /** Removes {@code principal} from every line; a line left with no principal goes. Returns how many lines changed. */
    int untrust(String principal) {
        List<String> out = new ArrayList<>();
        int changed = 0;
        for (String line : lines()) {
            List<String> f = fields(line);
            if (f.isEmpty() || line.strip().startsWith("#")) {
                out.add(line);
                continue;
            }
            List<String> who = new ArrayList<>(List.of(f.get(0).split(",")));
            if (!who.remove(principal)) {
                out.add(line);
                continue;
            }
            changed++;
            if (!who.isEmpty()) {
                out.add(String.join(",", who) + line.strip().substring(f.get(0).length()));
            }
        }
        if (changed > 0) {
            write(out);
        }
        return changed;
    }

    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (String line : lines()) {
            parse(line).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Entry> parse(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return Optional.empty();
        }
        List<String> f = fields(t);
        if (f.size() < 3) {
            return Optional.empty();
        }
        int keyAt = f.get(1).startsWith("ssh-") || f.get(1).startsWith("ecdsa-") || f.get(1).startsWith("sk-") ? 1 : 2;
        if (f.size() <= keyAt + 1 || !f.get(keyAt).equals(PublicKey.TYPE)) {
            return Optional.empty();  // another key type: not ours to judge, and never matches an ed25519 key
        }
        String namespaces = null;
        String after = null;
        String before = null;
        boolean ca = false;
        if (keyAt == 2) {
            for (String option : splitOptions(f.get(1))) {
                String o = option.toLowerCase(Locale.ROOT);
                if (o.equals("cert-authority")) {
                    ca = true;
                } else if (o.startsWith("namespaces=")) {
                    namespaces = unquote(option.substring(11));
                } else if (o.startsWith("valid-after=")) {
                    after = unquote(option.substring(12));
                } else if (o.startsWith("valid-before=")) {
                    before = unquote(option.substring(13));
                }
            }
        }
        try {
            PublicKey key = PublicKey.parseLine(f.get(keyAt) + " " + f.get(keyAt + 1));
            return Optional.of(new Entry(List.of(f.get(0).split(",")), namespaces, after, before, ca, key));
        } catch (AgentorchestrException e) {
            return Optional.empty();
        }
    }

    /** Whitespace-separated fields; double quotes keep spaces inside a field. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static List<String> splitOptions(String options) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : options.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** A namespaces= list of patterns ('*' and '?' as in ssh-keygen); no option allows every namespace. */
    private static boolean allows(String namespaces, String namespace) {
        if (namespaces == null) {
            return true;
        }
        for (String p : namespaces.split(",")) {
            String regex = ("\\Q" + p.strip() + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
            if (namespace.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    /** valid-after / valid-before: YYYYMMDD[HHMM[SS]], local time as ssh-keygen reads them. */
    private static boolean current(Entry e) {
        LocalDateTime now = LocalDateTime.now();
        return (e.validAfter() == null || !now.isBefore(time(e.validAfter())))
                && (e.validBefore() == null || now.isBefore(time(e.validBefore())));
    }

    private static LocalDateTime time(String v) {
        String s = v.endsWith("Z") ? v.substring(0, v.length() - 1) : v;
        String padded = (s + "000000").substring(0, 14);
        try {
            return LocalDateTime.parse(padded, DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        } catch (RuntimeException ex) {
            return LocalDateTime.MAX;  // unreadable: never valid, as ssh-keygen refuses it
        }
    }

    private List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot read the trust store " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot write the trust store " + file + ": " + e.getMessage(), e);
        }
    }
}
