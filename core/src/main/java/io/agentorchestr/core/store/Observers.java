package io.agentorchestr.core.store;

import io.agentorchestr.core.model.EventObserver;
import io.agentorchestr.core.model.SessionEvent;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The store's event observers, each told in turn; one that throws is passed over, not propagated. */
final class Observers implements EventObserver {
    private final List<EventObserver> all = new CopyOnWriteArrayList<>();

    void add(EventObserver observer) {
        all.add(observer);
    }

    @Override
    public void stored(String sessionId, SessionEvent event, Instant at) {
        for (EventObserver o : all) {
            try {
                o.stored(sessionId, event, at);
            } catch (RuntimeException e) {
                // An observer (telemetry) going wrong must not take the session's audit log down with it.
            }
        }
    }
}
