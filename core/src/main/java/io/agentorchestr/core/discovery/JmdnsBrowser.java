package io.agentorchestr.core.discovery;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real {@link MdnsBrowser}: JmDNS listening on one address, keeping every resolved
 * {@value MdnsRecord#SERVICE_TYPE} service until its goodbye. Answers take a moment to arrive, so the
 * first {@link #records()} waits out a short first round.
 */
public final class JmdnsBrowser implements MdnsBrowser {
    /** Long enough for JmDNS's first queries and the answers to them (about 1.1 s measured here). */
    static final long FIRST_ROUND_MS = 1500;

    private final JmDNS jmdns;
    private final long readyAt;
    private final Map<String, MdnsRecord> resolved = new ConcurrentHashMap<>();

    private JmdnsBrowser(JmDNS jmdns) {
        this.jmdns = jmdns;
        this.readyAt = System.nanoTime() + FIRST_ROUND_MS * 1_000_000;
    }

    /** Starts browsing on {@code address}; on failure, a browser that finds nothing (mDNS is a hint). */
    public static MdnsBrowser start(InetAddress address) {
        try {
            JmdnsBrowser b = new JmdnsBrowser(JmDNS.create(address, "agentorchestr-browse"));
            b.jmdns.addServiceListener(MdnsRecord.SERVICE_TYPE, b.listener());
            return b;
        } catch (IOException e) {
            return NONE;
        }
    }

    private ServiceListener listener() {
        return new ServiceListener() {
            @Override
            public void serviceAdded(ServiceEvent event) {
                jmdns.requestServiceInfo(event.getType(), event.getName(), 1000);
            }

            @Override
            public void serviceRemoved(ServiceEvent event) {
                resolved.remove(event.getName());
            }

            @Override
            public void serviceResolved(ServiceEvent event) {
                record(event.getName(), event.getInfo());
            }
        };
    }

    private void record(String instance, ServiceInfo info) {
        String pid = info.getPropertyString("pid");
        String card = info.getPropertyString("card");
        if (pid == null || !pid.matches("[0-9]{1,10}") || card == null) {
            return;  // not (yet) a whole record of ours
        }
        resolved.put(instance, new MdnsRecord(instance, info.getPropertyString("name"), Long.parseLong(pid), card,
                info.getPropertyString("user"), info.getPropertyString("host")));
    }

    @Override
    public List<MdnsRecord> records() {
        long wait = (readyAt - System.nanoTime()) / 1_000_000;
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return List.copyOf(resolved.values());
    }

    @Override
    public void close() {
        // JmDNS's close waits for its timers (seconds); nothing of ours depends on it finishing.
        Thread closer = new Thread(() -> {
            try {
                jmdns.close();
            } catch (IOException e) {
                // gone either way
            }
        }, "mdns-close");
        closer.setDaemon(true);
        closer.start();
    }
}
