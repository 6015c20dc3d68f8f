package io.agentorchestr.core.model;

import java.util.List;
import java.util.Optional;

/**
 * Port to the hosted model APIs agentorchestr calls itself (never the agents' own): one answer per
 * task class from the first provider that gives one. Empty when no provider has a key (the callers
 * then work without a model and say so); a {@link Failure} when every configured provider failed.
 */
public interface ModelRouter {
    Optional<ModelReply> ask(ModelTask task, ModelRequest request);

    /** The providers with a key, in the order {@code task} tries them. */
    List<String> providers(ModelTask task);

    /** Every provider tried failed; the message says how each did. */
    final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message);
        }
    }

    ModelRouter NONE = new ModelRouter() {
        @Override
        public Optional<ModelReply> ask(ModelTask task, ModelRequest request) {
            return Optional.empty();
        }

        @Override
        public List<String> providers(ModelTask task) {
            return List.of();
        }
    };
}
