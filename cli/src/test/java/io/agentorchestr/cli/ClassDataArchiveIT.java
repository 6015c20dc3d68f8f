package io.agentorchestr.cli;

import io.agentorchestr.core.process.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution's class-data archive (decision 0030): the build makes it, the launcher maps our
 * classes from it, AGENTORCHESTR_CDS=off leaves it out, and an archive that does not fit is passed over
 * without a word on stdout or stderr.
 */
class ClassDataArchiveIT {
    @TempDir
    Path dir;

    @Test
    void theLauncherMapsOurClassesFromTheBuildsArchive() throws IOException {
        Distribution dist = new Distribution(dir);
        assertTrue(Files.isRegularFile(dist.launcher().getParent().resolveSibling("lib/agentorchestr.jsa")), "the build made the archive");
        Path on = dir.resolve("on.log");
        ExecResult r = dist.withEnv("AGENTORCHESTR_JAVA_OPTS", "-Xlog:class+load=info:file=" + on)
                .run("--list-sessions", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("[ ]", r.stdout().strip(), "nothing but the listing on stdout");
        String loaded = Files.readString(on);
        assertTrue(loaded.contains("io.agentorchestr.cli.command.ListSessionsCommand source: shared objects file"),
                "our classes come from the archive");
        assertTrue(loaded.contains("org.sqlite.JDBC source: shared objects file"), "so do the libraries'");

        Path off = dir.resolve("off.log");
        dist.withEnv("AGENTORCHESTR_CDS", "off").withEnv("AGENTORCHESTR_JAVA_OPTS", "-Xlog:class+load=info:file="
                + off).run("--list-sessions", "--json");
        assertFalse(Files.readString(off).contains("io.agentorchestr.cli.command.ListSessionsCommand source: "
                + "shared objects file"), "AGENTORCHESTR_CDS=off leaves the archive out");
    }

    @Test
    void anArchiveThatDoesNotFitIsPassedOverQuietly() throws IOException {
        Distribution dist = new Distribution(dir);
        Path copy = dir.resolve("elsewhere");
        // A copy of the distribution elsewhere: its class path is not the one the archive was made with.
        ExecResult cp = new io.agentorchestr.core.process.SystemProcessRunner().run(
                io.agentorchestr.core.process.ProcessSpec.of(java.util.List.of("cp", "-r", dist.launcher().getParent().getParent().toString(),
                        copy.toString())).withTimeout(java.time.Duration.ofSeconds(60)));
        assertEquals(0, cp.exitCode(), cp.stderr());
        ExecResult r = dist.runWith(copy.resolve("bin/agentorchestr"), "--list-sessions", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("[ ]", r.stdout().strip());
        assertEquals("", r.stderr().strip(), "no word about the archive");
    }
}
