package io.agentorchestr.core.worker;

/** A worker id within a session: {@code w01}, {@code w02}, ... (never reused within a session). */
public record WorkerId(int number) implements Comparable<WorkerId> {
    public WorkerId {
        if (number < 1) {
            throw new IllegalArgumentException("worker numbers start at 1");
        }
    }

    public static WorkerId parse(String text) {
        if (text == null || !text.matches("w\\d{2,}")) {
            throw new IllegalArgumentException("not a worker id (expected w01, w02, ...): " + text);
        }
        return new WorkerId(Integer.parseInt(text.substring(1)));
    }

    public WorkerId next() {
        return new WorkerId(number + 1);
    }

    @Override
    public String toString() {
        return String.format("w%02d", number);
    }

    @Override
    public int compareTo(WorkerId o) {
        return Integer.compare(number, o.number);
    }
}
