package io.agentorchestr.core.discovery;

import io.agentorchestr.core.error.AgentorchestrException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every external agent of this user, merged across layers: shims' cards (pruned when their shim is
 * gone), their mDNS records (the same agent when the record names the card), and agents in tmux panes.
 * A result is reused for {@link #TTL} so that a lead polling discovery does not rescan the machine.
 */
public final class AgentDiscovery implements AutoCloseable {
    public static final Duration TTL = Duration.ofSeconds(2);

    private final AgentCards cards;
    private final Supplier<MdnsBrowser> mdnsStarter;
    private final TmuxPaneScan panes;
    private MdnsBrowser mdns;
    private List<ExternalAgent> cached;
    private long cachedAt;

    /** {@code mdns} is started on first use, and closed with this. */
    public AgentDiscovery(AgentCards cards, Supplier<MdnsBrowser> mdns, TmuxPaneScan panes) {
        this.cards = cards;
        this.mdnsStarter = mdns;
        this.panes = panes;
    }

    /** The agents running now (at most {@link #TTL} old). */
    public synchronized List<ExternalAgent> agents() {
        if (cached == null || System.nanoTime() - cachedAt > TTL.toNanos()) {
            cached = scan();
            cachedAt = System.nanoTime();
        }
        return cached;
    }

    /** The agent with {@code id}, looked for afresh if the cached result does not have it. */
    public ExternalAgent find(String id) {
        for (int round = 0; round < 2; round++) {
            for (ExternalAgent a : agents()) {
                if (a.id().equals(id)) {
                    return a;
                }
            }
            synchronized (this) {
                cached = null;
            }
        }
        throw AgentorchestrException.usage("no running external agent has the id \"" + id + "\": it may have "
                + "exited; discover_running_agents (or agentorchestr --list-agents) lists those running now");
    }

    private List<ExternalAgent> scan() {
        Map<String, ExternalAgent> byCard = new LinkedHashMap<>();
        for (AgentCard c : cards.live()) {
            Path card = cards.dir().resolve(c.fileName());
            String attach = "tmux -S " + c.tmuxSocket() + " attach";
            byCard.put(card.toString(), new ExternalAgent(c.fileName().replaceFirst("\\.json$", ""), c.name(),
                    c.agentKey(), List.of(ExternalAgent.CARD), c.shimPid(), c.argv(), c.cwd(), c.startedAt(),
                    new AgentEndpoint.Shim(Path.of(c.socket()), card, attach)));
        }
        if (mdns == null) {
            mdns = mdnsStarter.get();
        }
        // A record counts only with a live card of ours: another user's shim, or one on another host,
        // has none here, and a record outliving its shim (no goodbye) names a card that was pruned.
        for (MdnsRecord r : mdns.records()) {
            byCard.computeIfPresent(Path.of(r.card()).normalize().toString(),
                    (k, a) -> a.pid() == r.pid() ? a.withSource(ExternalAgent.MDNS) : a);
        }
        List<ExternalAgent> all = new ArrayList<>(byCard.values());
        all.addAll(panes.scan());
        return List.copyOf(all);
    }

    @Override
    public synchronized void close() {
        if (mdns != null) {
            mdns.close();
        }
    }
}
