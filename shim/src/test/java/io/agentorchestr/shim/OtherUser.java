package io.agentorchestr.shim;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command as another user (nobody), to test what a different local user can reach. CI runs as
 * root; as another user the test cannot switch and fails saying so, rather than skipping.
 */
final class OtherUser {
    private OtherUser() {
    }

    static List<String> command(String... argv) {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("this test switches to the user nobody with setpriv, which needs root "
                    + "(CI runs as root); run it as root or in a container");
        }
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        cmd.addAll(List.of(argv));
        return cmd;
    }
}
