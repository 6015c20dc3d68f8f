package io.agentorchestr.shim;

import io.agentorchestr.core.rpc.RpcError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Everything the agent printed (tmux pipe-pane appends it), read from a byte cursor on. */
final class PaneLog {
    /** Text from the cursor and the cursor to read from next. */
    record Chunk(String text, long next) {
    }

    private final Path file;

    PaneLog(Path file) {
        this.file = file;
    }

    long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Up to {@code max} bytes from {@code cursor}, ending on a whole UTF-8 character: the bytes of a
     * character cut by {@code max} (or still being written) come with the next read.
     */
    Chunk read(long cursor, int max) {
        long size = size();
        if (cursor > size) {
            throw RpcError.badParams("cursor " + cursor + " is past the end of the output (" + size + " bytes); "
                    + "use the cursor a read gave, or 0 for the start");
        }
        int want = (int) Math.min(max, size - cursor);
        ByteBuffer buf = ByteBuffer.allocate(want);
        if (want > 0) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                while (buf.hasRemaining() && ch.read(buf, cursor + buf.position()) > 0) {
                    // reads until full or the end of what is written
                }
            } catch (IOException e) {
                throw RpcError.failed("cannot read the agent's output " + file + ": "
                        + e.getMessage());
            }
        }
        int end = wholeCharacters(buf.array(), buf.position());
        return new Chunk(new String(buf.array(), 0, end, StandardCharsets.UTF_8), cursor + end);
    }

    /** How many of the first {@code len} bytes end on a character boundary. */
    static int wholeCharacters(byte[] b, int len) {
        // A lead byte within the last three bytes whose sequence runs past the end: cut before it.
        for (int i = len - 1; i >= Math.max(0, len - 3); i--) {
            int v = b[i] & 0xff;
            if (v < 0x80) {
                return len;  // ASCII: nothing cut
            }
            if (v >= 0xc0) {
                int need = v >= 0xf0 ? 4 : v >= 0xe0 ? 3 : 2;
                return i + need <= len ? len : i;
            }
        }
        return len;
    }
}
