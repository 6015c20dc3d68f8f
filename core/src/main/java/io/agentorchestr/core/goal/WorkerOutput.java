package io.agentorchestr.core.goal;

import io.agentorchestr.core.text.AnsiText;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the end of a pane log as text a model can read: escapes stripped, redraws split, blank runs folded. */
final class WorkerOutput {
    static final int DEFAULT_LINES = 60;
    static final int MAX_LINES = 500;
    private static final int MAX_BYTES = 256 * 1024;

    String tail(Path log, int lines) {
        return tail(log, lines, 0);
    }

    /** The tail of what the log holds past byte {@code from} (what came after a mark). */
    String tail(Path log, int lines, long from) {
        int n = lines <= 0 ? DEFAULT_LINES : Math.min(lines, MAX_LINES);
        if (!Files.exists(log)) {
            return "";
        }
        String text;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.min(f.length(), Math.max(from, f.length() - MAX_BYTES));
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolError("cannot read the worker's output: " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (String line : AnsiText.strip(text.replace("\r\n", "\n").replace('\r', '\n')).split("\n")) {
            String t = line.stripTrailing();
            if (!(t.isEmpty() && (out.isEmpty() || out.get(out.size() - 1).isEmpty()))) {
                out.add(t);
            }
        }
        return String.join("\n", out.subList(Math.max(0, out.size() - n), out.size())).strip();
    }

    /** How many bytes the log holds now (0 without one): a mark for {@link #tail(Path, int, long)}. */
    static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static String truncate(String text, int maxChars) {
        return text.length() <= maxChars ? text
                : text.substring(0, maxChars) + "\n... (" + (text.length() - maxChars) + " more characters cut)";
    }
}
