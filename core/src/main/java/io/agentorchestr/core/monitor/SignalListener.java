package io.agentorchestr.core.monitor;

/** Told about every completion signal seen, not only the one that decides. */
@FunctionalInterface
public interface SignalListener {
    void observed(Completion signal);
}
