package io.agentorchestr.core.monitor;

import io.agentorchestr.core.text.AnsiText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads a pane log (written by pipe-pane) incrementally from a byte offset and reports the first
 * completion marker. Only whole lines are decoded, so a UTF-8 character split across two reads is
 * never mangled; {@link #flush()} reads the last unterminated line once the pane is dead.
 */
public final class PaneLogScanner {
    private static final int CHUNK = 64 * 1024;
    /** The most of an unfinished line kept before it is trimmed ({@link #trimPartial}). */
    static final int MAX_PARTIAL = 256 * 1024;
    /** What is kept of it then. */
    static final int KEEP = 16 * 1024;

    private final Path log;
    private final OutputMarkers markers;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long offset;

    public PaneLogScanner(Path log, OutputMarkers markers, long startOffset) {
        this.log = log;
        this.markers = markers;
        this.offset = startOffset;
    }

    public long offset() {
        return offset;
    }

    /** How much of an unfinished line is held. */
    int unfinishedBytes() {
        return partial.size();
    }

    /** Scans what was appended since the last call; returns the first marker on a complete line. */
    public Optional<OutputMarkers.Marker> scan() throws IOException {
        // Most looks find nothing new (a watch looks at every log now and then): a stat, no buffer.
        if (!Files.isRegularFile(log) || Files.size(log) <= offset) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            Optional<OutputMarkers.Marker> found = Optional.empty();
            while (found.isEmpty()) {
                buf.clear();
                int n = ch.read(buf, offset);
                if (n <= 0) {
                    break;
                }
                offset += n;
                found = consume(buf.array(), n);
            }
            return found;
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Treats the unterminated rest as a final line. */
    public Optional<OutputMarkers.Marker> flush() throws IOException {
        Optional<OutputMarkers.Marker> found = scan();
        if (found.isPresent() || partial.size() == 0) {
            return found;
        }
        String rest = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return matchLine(rest);
    }

    private Optional<OutputMarkers.Marker> consume(byte[] bytes, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                partial.write(bytes, start, i - start);
                String line = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                start = i + 1;
                Optional<OutputMarkers.Marker> m = matchLine(line);
                if (m.isPresent()) {
                    // Keep the rest for the next scan: later markers are recorded too.
                    offset -= (length - start);
                    return m;
                }
            }
        }
        partial.write(bytes, start, length - start);
        return partial.size() > MAX_PARTIAL ? trimPartial() : Optional.empty();
    }

    /**
     * A TUI can write for a long time without a newline (it moves the cursor instead), and an agent
     * can print megabytes on one line: what is kept of an unfinished line stays bounded. Its
     * carriage-return segments are looked at as lines; of the rest, the last {@link #KEEP} bytes stay,
     * which is more than any marker line, so one being written is never cut.
     */
    private Optional<OutputMarkers.Marker> trimPartial() {
        byte[] all = partial.toByteArray();
        partial.reset();
        int cr = all.length - 1;
        while (cr >= 0 && all[cr] != '\r') {
            cr--;
        }
        Optional<OutputMarkers.Marker> found = cr > 0
                ? matchLine(new String(all, 0, cr, StandardCharsets.UTF_8)) : Optional.empty();
        int keepFrom = Math.max(cr + 1, all.length - KEEP);
        while (keepFrom < all.length && (all[keepFrom] & 0xC0) == 0x80) {
            keepFrom++;  // not from the middle of a UTF-8 character
        }
        partial.write(all, keepFrom, all.length - keepFrom);
        return found;
    }

    private Optional<OutputMarkers.Marker> matchLine(String raw) {
        // A TUI redraws with carriage returns; each segment is what ended up on screen.
        for (String segment : AnsiText.strip(raw.replace('\r', '\n')).split("\n")) {
            Optional<OutputMarkers.Marker> m = markers.match(segment);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }
}
