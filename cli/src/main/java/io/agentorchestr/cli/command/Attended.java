package io.agentorchestr.cli.command;

import io.agentorchestr.cli.TmuxAttach;
import io.agentorchestr.core.session.SessionChrome;
import io.agentorchestr.core.tmux.Tmux;
import io.agentorchestr.core.tmux.TmuxClient;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * A run (a goal, a manual task) with the user in front of its session until it ends: their own tmux
 * client switched to it and back to their window at the end, or a client attached on this terminal
 * and detached at the end. The end is shown in the status line for a moment first.
 */
final class Attended {
    /** How long the end shows in the status line before the user is given back. */
    private static final int GOODBYE_MS = 3000;

    private final Tmux tmux;
    private final TmuxAttach attach;
    private final ProgressLines progress;
    private final PrintWriter err;

    Attended(Tmux tmux, TmuxAttach attach, ProgressLines progress, PrintWriter err) {
        this.tmux = tmux;
        this.attach = attach;
        this.progress = progress;
        this.err = err;
    }

    /**
     * @param await waits for the run to end and returns its outcome
     * @param ended what the status line says of an outcome ("goal done", "w01 failed")
     */
    <T> T watch(String session, Callable<T> await, Function<T, String> ended) throws Exception {
        Optional<TmuxClient> origin = attach.switchHere(session);
        if (origin.isPresent()) {
            progress.accept("your tmux client now shows " + session + "; it comes back to this window at the end");
            T outcome = await.call();
            goodbye(session, ended.apply(outcome) + "; back to your window in 3 s");
            attach.giveBack(origin.get(), session);
            return outcome;
        }
        if (!TmuxAttach.onTerminal()) {
            err.println("agentorchestr: not on a terminal; attach with: " + attach.hint(session));
            return await.call();
        }
        progress.accept("attaching: " + SessionChrome.PAUSE_KEY + " pauses; your tmux prefix then d (Ctrl-b d by "
                + "default) detaches and the run goes on; while attached, progress goes to the status line"
                + (progress.log() == null ? "" : " and " + progress.log() + " (" + SessionChrome.LOG_KEY + " shows it)"));
        CompletableFuture<T> waiting = CompletableFuture.supplyAsync(() -> {
            T outcome;
            try {
                outcome = await.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
            goodbye(session, ended.apply(outcome) + "; detaching in 3 s (the session stays)");
            attach.detach(session);
            return outcome;
        });
        progress.terminalOwned(true);
        try {
            attach.attachHere(session, err);
        } finally {
            progress.terminalOwned(false);
        }
        try {
            return waiting.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    private void goodbye(String session, String text) {
        tmux.displayMessage(session, "agentorchestr: " + text, GOODBYE_MS);
        try {
            Thread.sleep(GOODBYE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
