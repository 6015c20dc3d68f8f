package io.agentorchestr.core.attend;

import io.agentorchestr.core.process.ExecResult;
import io.agentorchestr.core.process.ProcessRunner;
import io.agentorchestr.core.process.ProcessSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code [notify] commands} entry: run with {@code sh -c} in the project, the notice as JSON on its
 * stdin and as AGENTORCHESTR_* variables (EVENT, SESSION, AGENT, TITLE, TEXT).
 */
final class CommandChannel implements NoticeChannel {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ProcessRunner runner;
    private final String command;
    private final Path project;

    CommandChannel(ProcessRunner runner, String command, Path project) {
        this.runner = runner;
        this.command = command;
        this.project = project;
    }

    @Override
    public String name() {
        return "command `" + command + "`";
    }

    @Override
    public void send(Notice notice) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AGENTORCHESTR_EVENT", notice.kind().label());
        env.put("AGENTORCHESTR_SESSION", notice.sessionId());
        env.put("AGENTORCHESTR_AGENT", notice.who() == null ? "" : notice.who());
        env.put("AGENTORCHESTR_TITLE", notice.title());
        env.put("AGENTORCHESTR_TEXT", notice.text());
        ExecResult r = runner.run(ProcessSpec.of("sh", "-c", command).in(project).withEnv(env)
                .withStdin(notice.json().getBytes(StandardCharsets.UTF_8)).withTimeout(TIMEOUT));
        if (!r.ok()) {
            throw new IllegalStateException((r.timedOut() ? "timed out after " + TIMEOUT.toSeconds() + " s"
                    : "exit " + r.exitCode()) + ": " + r.stderrTail(2));
        }
    }
}
