package io.agentorchestr.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** The command line run in this JVM, sandboxed in {@code dir} (data, state, config, HOME; no PATH), output kept. */
final class InProcess {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final Path dir;

    InProcess(Path dir) {
        this.dir = dir;
    }

    int run(String... args) {
        Map<String, String> env = Map.of("HOME", dir.toString(), "AGENTORCHESTR_DATA_DIR", dir.resolve("data").toString(),
                "AGENTORCHESTR_STATE_DIR", dir.resolve("state").toString(),
                "AGENTORCHESTR_CONFIG_DIR", dir.resolve("config").toString(), "PATH", "/nonexistent");
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
    }
}
