package io.agentorchestr.core.testing;

import io.agentorchestr.core.model.ModelReply;
import io.agentorchestr.core.model.ModelRequest;
import io.agentorchestr.core.model.ModelRouter;
import io.agentorchestr.core.model.ModelTask;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model router for the unit tests of what uses one (the router itself is RouterTest's, against real
 * HTTP): it answers each question with the next of its texts, the last again once they run out (100
 * tokens in, 20 out), or fails as every
 * provider failing would, and records each task and request it was asked.
 */
public final class ScriptedRouter implements ModelRouter {
    public final List<ModelTask> tasks = new CopyOnWriteArrayList<>();
    public final List<ModelRequest> asked = new CopyOnWriteArrayList<>();
    private final String provider;
    private final String model;
    private final List<String> answers;
    private final String failure;
    private final AtomicInteger next = new AtomicInteger();

    private ScriptedRouter(String provider, String model, List<String> answers, String failure) {
        this.provider = provider;
        this.model = model;
        this.answers = List.copyOf(answers);
        this.failure = failure;
    }

    /** Answers with {@code answers} in turn, then with the last again. */
    public static ScriptedRouter answering(String provider, String model, String... answers) {
        return new ScriptedRouter(provider, model, List.of(answers), null);
    }

    /** Fails every question with {@code message}, as the router does when every provider failed. */
    public static ScriptedRouter failing(String provider, String message) {
        return new ScriptedRouter(provider, "none", List.of(), message);
    }

    @Override
    public Optional<ModelReply> ask(ModelTask task, ModelRequest request) {
        tasks.add(task);
        asked.add(request);
        if (failure != null) {
            throw new ModelRouter.Failure(failure);
        }
        return Optional.of(new ModelReply(answers.get(Math.min(next.getAndIncrement(),
                answers.size() - 1)), provider, model, 100, 20));
    }

    @Override
    public List<String> providers(ModelTask task) {
        return List.of(provider);
    }
}
