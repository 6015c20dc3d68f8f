package io.agentorchestr.core.cost;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The complete lines appended to a file since the last look: agents append their records as JSON
 * lines, so a file is read once, from where the last read stopped; a line still being written (no
 * newline yet) waits for the next look.
 */
final class FileTail {
    private static final int MAX_READ = 8 * 1024 * 1024;
    private final Path file;
    private long offset;

    FileTail(Path file) {
        this.file = file;
    }

    List<String> newLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (length < offset) {
                offset = 0;  // replaced by a shorter file: read it again
            }
            int size = (int) Math.min(MAX_READ, length - offset);
            if (size <= 0) {
                return lines;
            }
            byte[] bytes = new byte[size];
            f.seek(offset);
            f.readFully(bytes);
            int start = 0;
            for (int i = 0; i < size; i++) {
                if (bytes[i] == '\n') {
                    lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            offset += start;
        }
        return lines;
    }
}
