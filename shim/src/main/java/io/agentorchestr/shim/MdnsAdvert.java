package io.agentorchestr.shim;

import io.agentorchestr.core.discovery.AgentCard;
import io.agentorchestr.core.discovery.MdnsRecord;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shim's mDNS announcement: one {@value MdnsRecord#SERVICE_TYPE} service named like the card, on
 * the one address asked for (127.0.0.1 by default), with name, pid and card path in TXT. The agent is
 * driven through the Unix socket the card names; DNS-SD still wants a port, so the record carries the
 * discard port, 9.
 */
final class MdnsAdvert implements AutoCloseable {
    private static final int DISCARD_PORT = 9;
    /** Enough for the first goodbye to go out; JmDNS's repeats and timers need seconds we do not wait. */
    private static final long GOODBYE_MS = 300;

    private final JmDNS jmdns;

    private MdnsAdvert(JmDNS jmdns) {
        this.jmdns = jmdns;
    }

    static MdnsAdvert start(InetAddress address, AgentCard card, Path cardFile) throws IOException {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put("name", card.name());
        txt.put("pid", Long.toString(card.shimPid()));
        txt.put("card", cardFile.toString());
        txt.put("user", System.getProperty("user.name", ""));
        txt.put("host", card.host());
        txt.put("version", card.shimVersion());
        String instance = card.fileName().replaceFirst("\\.json$", "");
        JmDNS jmdns = JmDNS.create(address, "agentorchestr-shim-" + card.shimPid());
        try {
            jmdns.registerService(ServiceInfo.create(MdnsRecord.SERVICE_TYPE, instance, DISCARD_PORT, 0, 0, txt));
        } catch (IOException | RuntimeException e) {
            jmdns.close();
            throw e;
        }
        return new MdnsAdvert(jmdns);
    }

    /** Says goodbye (browsers drop the record) without holding the shim's exit for JmDNS's timers. */
    @Override
    public void close() {
        Thread goodbye = new Thread(() -> {
            try {
                jmdns.unregisterAllServices();
                jmdns.close();
            } catch (IOException e) {
                // the record then expires on its own; discovery prunes it by the card before that
            }
        }, "mdns-goodbye");
        goodbye.setDaemon(true);
        goodbye.start();
        try {
            goodbye.join(GOODBYE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
