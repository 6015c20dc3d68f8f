package io.agentorchestr.core.worker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The steps to take back if a multi-step start fails half way: each step that created something
 * registers how to remove it, and a failure removes them newest first. A step that cannot be taken
 * back is reported, and the others still run.
 */
final class Rollback {
    private final Deque<Step> steps = new ArrayDeque<>();

    private record Step(String what, Runnable undo) {
    }

    void add(String what, Runnable undo) {
        steps.push(new Step(what, undo));
    }

    /** Takes every registered step back; returns what could not be undone (empty when all went). */
    List<String> run() {
        List<String> left = new ArrayList<>();
        while (!steps.isEmpty()) {
            Step s = steps.pop();
            try {
                s.undo().run();
            } catch (RuntimeException e) {
                left.add(s.what() + " (" + e.getMessage() + ")");
            }
        }
        return left;
    }
}
