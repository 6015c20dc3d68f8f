package io.agentorchestr.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in milliseconds, summarised as count, p50, p90, p99 and max. */
final class Samples {
    private final String name;
    private final List<Double> millis = new ArrayList<>();

    Samples(String name) {
        this.name = name;
    }

    void add(long nanos) {
        millis.add(nanos / 1e6);
    }

    private double percentile(double p) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    String line() {
        return String.format("%-58s n=%-5d p50=%8.2f ms  p90=%8.2f ms  p99=%8.2f ms  max=%8.2f ms", name,
                millis.size(), percentile(50), percentile(90), percentile(99), percentile(100));
    }
}
