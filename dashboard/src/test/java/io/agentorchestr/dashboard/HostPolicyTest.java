package io.agentorchestr.dashboard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostPolicyTest {
    @Test
    void onLoopbackOnlyLoopbackNamesWithTheDashboardsPortAreAnswered() {
        HostPolicy p = new HostPolicy(true, 3000);
        assertTrue(p.allows("127.0.0.1:3000"));
        assertTrue(p.allows("localhost:3000"));
        assertTrue(p.allows("LOCALHOST:3000"));
        assertTrue(p.allows("[::1]:3000"));
        assertFalse(p.allows("evil.example:3000"), "a rebinding page sends its own name");
        assertFalse(p.allows("127.0.0.1:3001"));
        assertFalse(p.allows("127.0.0.1"));
        assertFalse(p.allows("[::1]"));
        assertFalse(p.allows(null));
        assertFalse(p.allows(""));
    }

    @Test
    void boundElsewhereAnyNameWithThePortIsAnswered() {
        HostPolicy p = new HostPolicy(false, 8080);
        assertTrue(p.allows("build-box.lan:8080"));
        assertTrue(p.allows("10.0.0.7:8080"));
        assertFalse(p.allows("build-box.lan:80"));
    }
}
