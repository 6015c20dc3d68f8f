package io.agentorchestr.core.tmux;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlRepliesTest {
    private static List<ControlClient.Reply> feed(ControlReplies r, String... lines) {
        List<ControlClient.Reply> out = new ArrayList<>();
        for (String l : lines) {
            ControlClient.Reply reply = r.accept(l);
            if (reply != null) {
                out.add(reply);
            }
        }
        return out;
    }

    @Test
    void theAttachBlockIsNotAReplyAndNotificationsOutsideBlocksAreSkipped() {
        List<ControlClient.Reply> replies = feed(new ControlReplies(line -> { }),
                "%begin 1795934543 265 0", "%end 1795934543 265 0", "%session-changed $0 s1",
                "%begin 1795934543 270 1", "%0 hello", "%end 1795934543 270 1", "%window-add @1");
        assertEquals(List.of(new ControlClient.Reply(List.of("%0 hello"), false)), replies);
    }

    @Test
    void onlyItsOwnEndLineEndsABlockSoReplyLinesMayLookLikeProtocol() {
        List<ControlClient.Reply> replies = feed(new ControlReplies(line -> { }),
                "%begin 9 271 1", "%begin 1 2 1", "%end 1 2 1", "%error 9 999 1", "", "%end 9 271 1");
        assertEquals(List.of(new ControlClient.Reply(List.of("%begin 1 2 1", "%end 1 2 1", "%error 9 999 1", ""),
                false)), replies);
    }

    @Test
    void anErrorBlockIsAnErrorReplyWithItsMessage() {
        ControlReplies r = new ControlReplies(line -> { });
        List<ControlClient.Reply> replies = feed(r, "%begin 9 274 1", "parse error: unknown command: nosuchcmd",
                "%error 9 274 1");
        assertTrue(replies.get(0).error());
        assertEquals("parse error: unknown command: nosuchcmd\n", replies.get(0).text());
        assertFalse(r.exited());
        feed(r, "%exit");
        assertTrue(r.exited());
    }

    @Test
    void linesOutsideBlocksAreToldAsNotificationsAndRepliesAreNot() {
        List<String> told = new ArrayList<>();
        feed(new ControlReplies(told::add), "%begin 1 2 0", "%end 1 2 0", "%layout-change @1 b25f,80x24,0,0,2",
                "%begin 1 3 1", "%window-close @2", "%end 1 3 1", "%exit");
        assertEquals(List.of("%layout-change @1 b25f,80x24,0,0,2", "%exit"), told);
    }
}
