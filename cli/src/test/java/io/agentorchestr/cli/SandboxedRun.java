package io.agentorchestr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Launcher tests against a sandboxed distribution and a fresh project repository, with the demo agent. */
abstract class SandboxedRun {
    @TempDir
    Path dir;
    Distribution dist;
    TestRepo project;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void createSandbox() throws IOException {
        dist = new Distribution(dir);
        project = TestRepo.create(dir.resolve("project"));
    }

    @AfterEach
    void closeSandbox() {
        dist.close();
    }

    /** Runs a demo goal on the project without attaching; checks the exit code; returns the JSON report. */
    JsonNode goal(String goal, int expectedExit, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--goal", goal, "--agents", "demo", "--project",
                project.dir().toString(), "--no-attach", "--json"));
        args.addAll(List.of(extra));
        ExecResult r = dist.run(args.toArray(String[]::new));
        assertEquals(expectedExit, r.exitCode(), "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        return json.readTree(r.stdout());
    }
}
