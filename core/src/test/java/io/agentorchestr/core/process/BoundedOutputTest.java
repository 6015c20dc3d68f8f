package io.agentorchestr.core.process;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedOutputTest {
    private static BoundedOutput written(int limit, String... chunks) {
        BoundedOutput out = new BoundedOutput(limit);
        for (String c : chunks) {
            byte[] b = c.getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
        return out;
    }

    @Test
    void outputWithinTheBoundIsKeptWhole() {
        assertEquals("hello world", written(20, "hello", " ", "world").text());
        assertEquals("0123456789", written(10, "01234", "56789").text());
    }

    @Test
    void beyondTheBoundTheStartAndTheEndAreKeptAndTheCutIsSaid() {
        BoundedOutput out = written(10, "START", "xxxxxxxxxxxxxxxxxxxx", "ab", "cdEND");
        assertEquals("START\n[agentorchestr: 22 bytes of output cut here]\ncdEND", out.text());
        assertEquals(32, out.total());
        assertEquals("START\n[agentorchestr: 17 bytes of output cut here]\nxxxab",
                written(10, "START", "xxxxxxxxxxxxxxxxxxxx", "ab").text(), "the tail wraps around");
    }

    @Test
    void aSingleWriteLargerThanTheTailKeepsItsLastBytes() {
        assertEquals("ab\n[agentorchestr: 7 bytes of output cut here]\nxyz", written(5, "ab", "cdefghi", "xyz").text());
    }

    @Test
    void hundredsOfMegabytesCostTheBoundOnly() {
        BoundedOutput out = new BoundedOutput(1024);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 1600; i++) {   // 100 MB
            out.write(chunk, 0, chunk.length);
        }
        out.write("THE END".getBytes(StandardCharsets.UTF_8), 0, 7);
        String text = out.text();
        assertTrue(text.length() < 1200 && text.endsWith("THE END"), text.length() + " chars");
        assertEquals(1600L * chunk.length + 7, out.total());
    }
}
