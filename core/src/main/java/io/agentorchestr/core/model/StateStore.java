package io.agentorchestr.core.model;


import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port to the durable state: sessions, workers, the append-only event log and in-flight operations.
 * Written as things happen, so a crashed run can be understood and resumed.
 */
public interface StateStore extends AutoCloseable {

    void createSession(SessionRecord session);

    void updateSession(SessionRecord session);

    Optional<SessionRecord> session(String id);

    /** Most recent first. */
    List<SessionRecord> recentSessions(int limit);

    /** Inserts the worker or replaces the stored row with the same session and id. */
    void saveWorker(WorkerRecord worker);

    /** Removes a worker whose start was undone (it never ran); its events stay. */
    void deleteWorker(String sessionId, String workerId);

    /** In id order. */
    List<WorkerRecord> workers(String sessionId);

    Optional<WorkerRecord> worker(String sessionId, String workerId);

    /** Inserts or replaces what resuming the session needs beyond its record. */
    void saveRuntime(SessionRuntime runtime);

    Optional<SessionRuntime> runtime(String sessionId);

    /** Remembers the MCP bearer token of {@code owner} ("lead" or a worker id). */
    void saveToken(String sessionId, String owner, String token);

    /** Forgets the token of {@code owner}: it is revoked (its worker finished). */
    void deleteToken(String sessionId, String owner);

    /** Owner to token. */
    Map<String, String> tokens(String sessionId);

    /** How many bytes of the worker's pane log have been seen (for activity tracking across restarts). */
    void saveOutputOffset(String sessionId, String workerId, long offset);

    long outputOffset(String sessionId, String workerId);

    /** Appends to the audit log (secrets redacted); returns the event's sequence number. */
    long append(String sessionId, SessionEvent event);

    /** Tells {@code observer} of every event appended through this store from now on. */
    void observe(EventObserver observer);

    /** In append order. */
    List<EventRecord> events(String sessionId);

    /** Drops the session's events whose kind is in {@code kinds}; how many went. */
    int dropEvents(String sessionId, java.util.Set<String> kinds);

    /** Drops the events whose kind is in {@code kinds} of every session that ended before {@code cutoff}; how many went. */
    int dropEventsEndedBefore(java.time.Instant cutoff, java.util.Set<String> kinds);

    /** Gives the space of dropped rows back when a good share of the store is free; the bytes freed (0: not worth it). */
    long compact();

    /** Records that a multi-step operation started, so a crash in the middle is visible; returns its id. */
    long beginOp(String sessionId, String kind, String detail);

    void finishOp(long opId, String outcome);

    /** Operations begun but never finished (interrupted by a crash). */
    List<OpRecord> unfinishedOps(String sessionId);

    /** Adds or moves on one task of the session's plan. */
    void savePlanTask(PlanTask task);

    /** The session's plan, in the order its tasks were written (empty without one). */
    List<PlanTask> planTasks(String sessionId);

    /**
     * The session messages between agents. Not fail-soft where the rest may be: a message that could
     * not be stored is refused to its sender, never accepted and lost.
     */
    MessageLog messages();

    /** The calls made to hosted model providers, for their request limits. */
    ModelCallLog modelCalls();

    @Override
    void close();
}
