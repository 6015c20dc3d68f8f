package io.agentorchestr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentorchestr.core.model.WorkerRecord;
import io.agentorchestr.core.model.WorkerState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Message delivery into agents that do not poll, on a real session: send_message from the lead until
 * the notice is in the idle worker's pane (its pane log, as tmux wrote it), one message per worker and
 * round (a worker gets at most one notice per NoticeDesk.MIN_GAP, so rounds are that far apart);
 * and send_message's round trip.
 */
public final class MessageBench {
    private static final long GAP_MS = 10_500;

    private MessageBench() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println("agentorchestr message benchmark (" + Runtime.getRuntime().availableProcessors()
                + " cores, " + workers + " idle demo workers, " + rounds + " round(s))");
        try (BenchRun run = BenchRun.start(TmuxMode.CONTROL, workers + 1)) {
            for (int i = 0; i < workers; i++) {
                run.call("spawn_worker", Map.of("task", "bench " + i + " [demo:ignore]"));
            }
            run.awaitPrompts(workers);
            Samples sent = new Samples("send_message call");
            Samples told = new Samples("send_message -> notice in the idle worker's pane");
            for (int round = 0; round < rounds; round++) {
                awaitIdle(run, workers);
                for (WorkerRecord w : run.workers()) {
                    long t0 = System.nanoTime();
                    JsonNode m = run.call("send_message", Map.of("to", w.id(), "type", "notification", "body",
                            "bench round " + round));
                    sent.add(System.nanoTime() - t0);
                    told.add(awaitInLog(Path.of(w.logPath()), m.path("id").asText()) - t0);
                }
                Thread.sleep(GAP_MS);
            }
            System.out.println(sent.line());
            System.out.println(told.line());
        }
        System.exit(0);
    }

    /** Until the health monitor has seen every worker back at its prompt (idle), as notices require. */
    private static void awaitIdle(BenchRun run, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<WorkerRecord> ws = run.workers();
            if (ws.size() == n && ws.stream().allMatch(w -> w.state() == WorkerState.IDLE)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the workers were not all idle within 120 s: " + run.workers());
    }

    private static long awaitInLog(Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return System.nanoTime();
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException(text + " not in " + log + " within 30 s");
    }
}
