package io.agentorchestr.skills;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The SSH wire encoding (RFC 4251): big-endian uint32, and strings as a length and their bytes. */
final class SshWire {
    private final ByteBuffer in;

    SshWire(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    /** Thrown for bytes that are not what the format says; the message names what was expected. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    byte[] raw(int n, String what) throws Malformed {
        if (in.remaining() < n) {
            throw new Malformed("it ends before its " + what);
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    int uint32(String what) throws Malformed {
        if (in.remaining() < 4) {
            throw new Malformed("it ends before its " + what);
        }
        return in.getInt();
    }

    byte[] bytes(String what) throws Malformed {
        int n = uint32(what);
        if (n < 0 || n > in.remaining()) {
            throw new Malformed("its " + what + " claims " + Integer.toUnsignedString(n) + " bytes, more than there are");
        }
        return raw(n, what);
    }

    String string(String what) throws Malformed {
        return new String(bytes(what), StandardCharsets.UTF_8);
    }

    boolean done() {
        return !in.hasRemaining();
    }

    /** Builds wire bytes. */
    static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Out raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Out uint32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
            return this;
        }

        Out bytes(byte[] b) {
            return uint32(b.length).raw(b);
        }

        Out string(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
