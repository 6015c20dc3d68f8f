package io.agentorchestr.dashboard;

import io.agentorchestr.core.text.TerminalText;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A worker's pane log (everything its pane printed) as text to read: the last lines, or what came
 * after a byte offset, in whole lines, with terminal escapes and control characters removed.
 */
final class PaneOutput {
    /** The most of a log read for a tail: enough for thousands of lines. */
    private static final int TAIL_BYTES = 1 << 20;
    /** The most sent at once to a follower. */
    static final int CHUNK_BYTES = 256 * 1024;

    /** The last {@code lines} lines, and the log's size: where a follower starts. */
    record Tail(String text, int lines, long size) {
    }

    /** Whole lines after {@code from}, and the offset after them (a partial last line waits for its end). */
    record Chunk(String text, long next) {
    }

    Tail tail(Path log, int lines) {
        if (log == null || !Files.isRegularFile(log)) {
            return new Tail("", 0, 0);
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long size = f.length();
            long start = Math.max(0, size - TAIL_BYTES);
            byte[] bytes = new byte[(int) (size - start)];
            f.seek(start);
            f.readFully(bytes);
            List<String> all = TerminalText.safe(new String(bytes, StandardCharsets.UTF_8)).lines().toList();
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return new Tail(String.join("\n", last), last.size(), size);
        } catch (IOException e) {
            return new Tail("", 0, 0);
        }
    }

    Chunk after(Path log, long from) {
        if (log == null || !Files.isRegularFile(log)) {
            return new Chunk("", from);
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long size = f.length();
            if (size <= from) {
                return new Chunk("", Math.min(from, size));
            }
            byte[] bytes = new byte[(int) Math.min(CHUNK_BYTES, size - from)];
            f.seek(from);
            f.readFully(bytes);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end == 0 && bytes.length < CHUNK_BYTES) {
                return new Chunk("", from);  // a line being written: sent once it ends
            }
            int cut = end == 0 ? bytes.length : end;
            return new Chunk(TerminalText.safe(new String(bytes, 0, cut, StandardCharsets.UTF_8)), from + cut);
        } catch (IOException e) {
            return new Chunk("", from);
        }
    }
}
