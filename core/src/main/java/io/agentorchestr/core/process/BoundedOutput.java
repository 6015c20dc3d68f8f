package io.agentorchestr.core.process;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A child's output kept within a bound, however much it prints: its first and its last bytes, with a
 * line in between saying how much was cut. A verify command or a hook that prints hundreds of MB
 * costs this much memory, not that much; the start (what a command parses) and the end (where the
 * error is) are what any reader needs.
 */
final class BoundedOutput extends OutputStream {
    private final int headLimit;
    private final byte[] tail;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    /** Next write position in {@link #tail}, a ring once full. */
    private int tailPos;
    private long tailBytes;
    private long total;

    /** Keeps at most {@code limit} bytes: half from the start, half from the end. */
    BoundedOutput(int limit) {
        this.headLimit = limit / 2;
        this.tail = new byte[limit - headLimit];
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        total += len;
        int toHead = Math.min(len, headLimit - head.size());
        if (toHead > 0) {
            head.write(b, off, toHead);
            off += toHead;
            len -= toHead;
        }
        if (len >= tail.length) {
            System.arraycopy(b, off + len - tail.length, tail, 0, tail.length);
            tailPos = 0;
            tailBytes += len;
            return;
        }
        int first = Math.min(len, tail.length - tailPos);
        System.arraycopy(b, off, tail, tailPos, first);
        System.arraycopy(b, off + first, tail, 0, len - first);
        tailPos = (tailPos + len) % tail.length;
        tailBytes += len;
    }

    /** All bytes written, cut or not. */
    synchronized long total() {
        return total;
    }

    synchronized String text() {
        StringBuilder s = new StringBuilder(head.toString(StandardCharsets.UTF_8));
        if (tailBytes == 0) {
            return s.toString();
        }
        int kept = (int) Math.min(tailBytes, tail.length);
        byte[] end = new byte[kept];
        if (tailBytes < tail.length) {
            System.arraycopy(tail, 0, end, 0, kept);
        } else {
            System.arraycopy(tail, tailPos, end, 0, tail.length - tailPos);
            System.arraycopy(tail, 0, end, tail.length - tailPos, tailPos);
        }
        long cut = total - head.size() - kept;
        if (cut > 0) {
            s.append("\n[agentorchestr: ").append(cut).append(" bytes of output cut here]\n");
        }
        return s.append(new String(end, StandardCharsets.UTF_8)).toString();
    }
}
