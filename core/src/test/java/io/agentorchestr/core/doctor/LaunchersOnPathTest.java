package io.agentorchestr.core.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchersOnPathTest {
    @TempDir
    Path dir;

    private Path executable(Path d, String name) throws IOException {
        Files.createDirectories(d);
        Path p = Files.writeString(d.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void onlyTheMainLauncherLinkedIsAWarningNamingTheOtherTwoAndTheOneLinkCommandForAll() throws IOException {
        Path bin = dir.resolve("dist/bin");
        executable(dir.resolve("path"), "agentorchestr");
        CheckResult r = LaunchersOnPath.check(List.of(dir.resolve("path")), Optional.of(bin));
        assertEquals(CheckResult.Status.WARN, r.status());
        assertEquals("not on PATH: agentorchestr-shim, agentorchestr-demo", r.detail());
        assertTrue(r.fix().contains("ln -sf " + bin + "/agentorchestr* ~/.local/bin/"), r.fix());
        assertTrue(r.ok(), "a warning is not a failure");
    }

    @Test
    void allThreeAnywhereOnPathPass() throws IOException {
        executable(dir.resolve("a"), "agentorchestr");
        executable(dir.resolve("b"), "agentorchestr-shim");
        executable(dir.resolve("b"), "agentorchestr-demo");
        CheckResult r = LaunchersOnPath.check(List.of(dir.resolve("a"), dir.resolve("b")), Optional.empty());
        assertEquals(CheckResult.Status.OK, r.status(), r.toString());
    }
}
