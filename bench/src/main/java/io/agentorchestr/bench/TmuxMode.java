package io.agentorchestr.bench;

import java.util.Map;

/** How agentorchestr reaches tmux in a run: the benchmarks measure both, before and after, in one run. */
enum TmuxMode {
    PROCESSES("before: a tmux process per command (AGENTORCHESTR_TMUX_CONTROL=0)", "0"),
    CONTROL("after: one control-mode connection", "1");

    final String label;
    private final String env;

    TmuxMode(String label, String env) {
        this.label = label;
        this.env = env;
    }

    Map<String, String> env() {
        return Map.of("AGENTORCHESTR_TMUX_CONTROL", env);
    }
}
