package io.agentorchestr.demo;

import io.agentorchestr.core.git.Git;
import io.agentorchestr.core.git.LocalGit;
import io.agentorchestr.core.monitor.DoneFlag;
import io.agentorchestr.core.process.SystemProcessRunner;
import io.agentorchestr.core.worker.WorkerPrompt;
import io.agentorchestr.core.model.WorkerState;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/** The demo agent's worker role: scripted by {@link DemoScript}, then an interactive input loop. */
final class DemoWorker {
    static final int CRASH_STATUS = 3;

    private final String id;
    private final Path worktree;
    private final PrintStream out;
    private final PrintStream err;
    private final BufferedReader in;
    private final Git git = new LocalGit(new SystemProcessRunner());
    private final DemoMail mail;

    private java.util.List<String> skills = java.util.List.of();

    /** The names under the prompt's skill headings ("## Skill: jwt 1.0.0"). */
    static java.util.List<String> skillsIn(String prompt) {
        return prompt.lines().filter(l -> l.startsWith(WorkerPrompt.SKILL_HEADING))
                .map(l -> l.substring(WorkerPrompt.SKILL_HEADING.length()).split(" ")[0]).toList();
    }

    DemoWorker(String id, Path worktree, PrintStream out, PrintStream err, BufferedReader in, Path mcpConfig) {
        this.mail = new DemoMail(id, out, mcpConfig);
        this.id = id;
        this.worktree = worktree;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    int run(String prompt) {
        skills = skillsIn(prompt);
        DemoScript script;
        try {
            script = DemoScript.parse(WorkerPrompt.taskOf(prompt));
        } catch (IllegalArgumentException e) {
            err.println("agentorchestr-demo: " + e.getMessage());
            return DemoAgent.USAGE;
        }
        try {
            if (script.has("hang")) {
                hangForever();
            }
            out.println("demo: working on " + id + ": " + script.title());
            pause(script);
            if (script.has("crash")) {
                err.println("demo: simulated crash of " + id);
                return CRASH_STATUS;
            }
            if (script.has("ask") && !ask()) {
                return 0;
            }
            String heard = converse(script);
            Optional<String> commit = doWork(script, heard);
            String summary = commit.map(c -> "made the change for \"" + script.title() + "\" in commit "
                    + c.substring(0, 10)).orElse("made the change for \"" + script.title() + "\" (not committed)");
            if (script.has("hostile")) {
                // What a broken or hostile agent may write: a window title, a screen clear, a one-byte CSI,
                // a NUL. agentorchestr must neither pass it to a terminal nor choke on it in git.
                summary = "\u001b]0;pwned\u0007\u001b[2J" + summary + " \u009b31m\u0000 (hostile)";
            }
            if (script.has("silent")) {
                out.println("demo: finished, exiting without a report");
                return 0;
            }
            if (script.has("failfirst") && !prompt.contains("An earlier attempt failed")) {
                signal(DemoScript.parse("[demo:fail]"), summary + " (its first attempt fails, as scripted)");
            } else if (!script.has("ignore")) {
                signal(script, summary);
            }
            return inputLoop();
        } catch (IOException | RuntimeException e) {
            err.println("agentorchestr-demo: " + e.getMessage());
            writeFlag(WorkerState.FAILED, "demo agent error: " + e.getMessage());
            out.println("WORKER_FAILED: demo agent error: " + e.getMessage());
            return inputLoop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private void pause(DemoScript script) throws InterruptedException {
        long ms = script.sleep().toMillis();
        if (ms > 0) {
            out.println("demo: working (this takes " + ms / 1000.0 + " s)");
            Thread.sleep(ms);
        }
    }

    private static void hangForever() throws InterruptedException {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                never.wait();
            }
        }
    }

    /** Asks for confirmation on the terminal, like an agent waiting for permission. */
    private boolean ask() throws IOException {
        out.println("demo: waiting for your answer: proceed with " + id + "? (yes/no)");
        String answer = in.readLine();
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
            out.println("demo: not proceeding");
            signal(DemoScript.parse("[demo:blocked]"), "the user declined to proceed");
            return false;
        }
        return true;
    }

    /** What it learnt from other agents before doing its work ({@link DemoMail}), or "". */
    private String converse(DemoScript script) throws IOException, InterruptedException {
        if (script.has("question")) {
            return mail.ask(script.directives().get("question"));
        }
        if (script.has("answer")) {
            return "answered " + String.join(", ", mail.answerWhenTold(in));
        }
        if (script.has("research")) {
            return mail.research(script.directives().get("research"));
        }
        return "";
    }

    private Optional<String> doWork(DemoScript script, String heard) throws IOException {
        String edit = script.editPath();
        Path target = edit != null && !edit.isEmpty() ? worktree.resolve(edit).normalize()
                : worktree.resolve("demo").resolve(id + ".md");
        if (!target.startsWith(worktree)) {
            throw new IOException("[demo:edit=" + edit + "] points outside the worktree");
        }
        Files.createDirectories(target.getParent());
        // Which skills the prompt carried, so tests can see what each worker was given.
        String entry = "# " + id + "\n\n" + script.text() + "\n" + (skills.isEmpty() ? ""
                : "\nskills: " + String.join(", ", skills) + "\n") + (heard.isEmpty() ? "" : "\n" + heard + "\n");
        if (edit != null && !edit.isEmpty()) {
            Files.writeString(target, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } else {
            Files.writeString(target, entry, StandardCharsets.UTF_8);
        }
        if (script.has("nocommit")) {
            return Optional.empty();
        }
        return git.commitAll(worktree, "demo(" + id + "): " + script.title());
    }

    private void signal(DemoScript script, String summary) {
        if (script.has("fail")) {
            writeFlag(WorkerState.FAILED, "scripted failure: " + summary);
            out.println("WORKER_FAILED: scripted failure: " + summary);
        } else if (script.has("blocked")) {
            writeFlag(WorkerState.BLOCKED, "scripted block: " + summary);
            out.println("WORKER_BLOCKED: scripted block: " + summary);
        } else {
            writeFlag(WorkerState.DONE, summary);
            out.println("WORKER_DONE: " + summary);
        }
    }

    private void writeFlag(WorkerState state, String summary) {
        try {
            new DoneFlag(state, summary).write(worktree);
        } catch (IOException e) {
            err.println("agentorchestr-demo: cannot write done.flag: " + e.getMessage());
        }
    }

    private int inputLoop() {
        return InputLoop.run(in, out);
    }
}
