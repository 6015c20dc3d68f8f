package io.agentorchestr.bench;

import io.agentorchestr.core.model.WorkerRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What clear_tool_results saves a lead's context: {@code n} demo workers write their notes and finish;
 * then a lead that checks on its team {@code rounds} times (list_workers, and each worker's
 * read_worker_output and get_worker_diff) re-reads everything each round, or, once it has cleared
 * what it absorbed after the first round, only what is new. Prints the bytes of tool results read.
 */
public final class ClearBench {
    private ClearBench() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long without = run(workers, rounds, false);
        long with = run(workers, rounds, true);
        System.out.printf("bytes of tool results a lead re-reads over %d rounds (list_workers, read_worker_output "
                        + "and get_worker_diff of each of %d finished demo workers): without clear_tool_results %d, "
                        + "with it after the first round %d (%.0f%% less)%n", rounds, workers, without, with,
                100.0 * (without - with) / without);
        System.exit(0);
    }

    private static long run(int n, int rounds, boolean clear) throws Exception {
        try (BenchRun run = BenchRun.start(TmuxMode.CONTROL, n)) {
            for (int i = 0; i < n; i++) {
                run.call("spawn_worker", Map.of("task", "Write note " + i));
            }
            run.call("wait_for_all", Map.of("timeout_s", 300));
            long bytes = 0;
            for (int round = 0; round < rounds; round++) {
                bytes += bytes(run.text("list_workers", Map.of()));
                for (WorkerRecord w : run.workers()) {
                    bytes += bytes(run.text("read_worker_output", Map.of("worker_id", w.id())));
                    bytes += bytes(run.text("get_worker_diff", Map.of("worker_id", w.id())));
                }
                if (clear && round == 0) {
                    bytes += bytes(run.text("clear_tool_results", Map.of("workers", List.of())));
                }
            }
            return bytes;
        }
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
