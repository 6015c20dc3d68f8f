package io.agentorchestr.skills;

import io.agentorchestr.core.error.AgentorchestrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile skill files and keys: each refused with the file and the problem named. */
class SkillManifestTest {
    @TempDir
    Path dir;

    private Path skill(String description, byte[] md) throws IOException {
        Path d = Files.createDirectories(dir.resolve("s"));
        Files.writeString(d.resolve("skill.toml"), "[skill]\nname = \"s\"\nversion = \"1\"\ndescription = \""
                + description + "\"\n");
        Files.write(d.resolve("skill.md"), md);
        return d;
    }

    @Test
    void aPlainSkillReads() throws IOException {
        assertEquals("Formats code", SkillManifest.read(skill("Formats code", "Run the formatter.".getBytes()))
                .description());
    }

    @Test
    void invalidUtf8InSkillMdIsSaidOfSkillMd() throws IOException {
        Path d = skill("ok", new byte[] {'a', (byte) 0xff, 'b'});
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> SkillManifest.read(d));
        assertTrue(e.getMessage().contains("skill.md is not valid UTF-8"), e.getMessage());
    }

    @Test
    void escapeAndControlCharactersInADescriptionAreRefused() throws IOException {
        for (String bad : new String[] {"\\u001b[31mred", "bell\\u0007", "c1\\u009b"}) {
            Path d = skill(bad, "text".getBytes());
            AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> SkillManifest.read(d), bad);
            assertTrue(e.getMessage().contains("field skill.description contains the control character"), e.getMessage());
        }
    }

    @Test
    @Timeout(10)
    void aKeyThatIsADeviceOrHugeIsRefusedWithoutReadingIt() throws IOException {
        AgentorchestrException dev = assertThrows(AgentorchestrException.class,
                () -> PrivateKeys.read(Path.of("/dev/zero"), () -> new char[0]));
        assertTrue(dev.getMessage().contains("is not an OpenSSH private key file"), dev.getMessage());
        Path big = dir.resolve("big");
        Files.write(big, new byte[100_000]);
        assertThrows(AgentorchestrException.class, () -> PrivateKeys.read(big, () -> new char[0]));
    }
}
