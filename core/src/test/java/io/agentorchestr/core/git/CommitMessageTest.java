package io.agentorchestr.core.git;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommitMessageTest {
    @Test
    void nulAndControlCharactersNeverReachGit() {
        assertEquals("agentorchestr: merge w01 (done ok)", CommitMessage.safe("agentorchestr: merge w01 (done\u0000 "
                + "\u001b[31mok)"));
    }

    @Test
    void anEmptyMessageGetsAStandInTextAndLongOnesAreCut() {
        assertEquals("agentorchestr: (no message)", CommitMessage.safe("\u0000\u0007"));
        assertEquals(4000, CommitMessage.safe("x".repeat(10_000)).length());
    }
}
