package io.agentorchestr.core.discovery;

import io.agentorchestr.core.error.AgentorchestrException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/**
 * The address mDNS binds: 127.0.0.1 unless the user names an interface ({@code eth0}) or an IPv4
 * address of one. Never the default interface: an agent is not announced to the LAN by accident.
 */
public final class MdnsAddress {
    public static final String LOOPBACK = "127.0.0.1";

    private MdnsAddress() {
    }

    /** {@code choice} is null or blank for loopback, an interface name, or one of its IPv4 addresses. */
    public static InetAddress resolve(String choice) {
        String c = choice == null || choice.isBlank() ? LOOPBACK : choice.strip();
        try {
            if (c.matches("[0-9.]+")) {
                InetAddress a = InetAddress.getByName(c);
                if (!a.isLoopbackAddress() && NetworkInterface.getByInetAddress(a) == null) {
                    throw bad(c, "no interface of this machine has that address");
                }
                return a;
            }
            NetworkInterface nif = NetworkInterface.getByName(c);
            if (nif == null) {
                throw bad(c, "there is no such interface");
            }
            return Collections.list(nif.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
                    .findFirst().orElseThrow(() -> bad(c, "it has no IPv4 address"));
        } catch (UnknownHostException | SocketException e) {
            throw bad(c, e.getMessage());
        }
    }

    private static AgentorchestrException bad(String choice, String why) {
        return AgentorchestrException.usage("--mdns-interface " + choice + ": " + why + "; name an interface "
                + "(see `ip -br addr`) or one of its IPv4 addresses, or leave it out to stay on " + LOOPBACK);
    }
}
