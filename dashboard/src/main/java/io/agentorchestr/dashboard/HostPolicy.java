package io.agentorchestr.dashboard;

import java.net.InetAddress;
import java.util.Set;

/**
 * Which Host headers the dashboard answers. Bound to loopback, only the loopback names with its own
 * port: a page on another site that resolves its name to 127.0.0.1 (DNS rebinding) still sends its
 * own name. Bound to another address (asked for explicitly), any name with its port: the user chose
 * to be reached by others, and the token still guards the data.
 */
record HostPolicy(boolean loopback, int port) {
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    static HostPolicy of(InetAddress bind, int port) {
        return new HostPolicy(bind.isLoopbackAddress(), port);
    }

    boolean allows(String host) {
        if (host == null) {
            return false;
        }
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.endsWith("]") || !host.substring(colon + 1).equals(Integer.toString(port))) {
            return false;
        }
        String name = host.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        return !loopback || LOOPBACK_NAMES.contains(name);
    }
}
