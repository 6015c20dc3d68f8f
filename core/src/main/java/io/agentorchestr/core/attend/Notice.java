package io.agentorchestr.core.attend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Locale;

/**
 * Something the person running a goal should know now, wherever they are looking: an agent asks a
 * question, is judged hung or fails, or the goal ended.
 *
 * @param who "lead", a worker id, or null for the goal itself
 * @param text one line: what happened and what to do
 */
public record Notice(Kind kind, String sessionId, String tmuxSession, String who, String text, Instant at) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind {
        QUESTION, HUNG, FAILED, GOAL_ENDED;

        /** The event's name in webhooks and commands: question, hung, failed, goal_ended. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The notification's title: "agentorchestr: w01 asks" or "agentorchestr: goal ended". */
    public String title() {
        String subject = who == null ? "goal" : who;
        return "agentorchestr: " + subject + switch (kind) {
            case QUESTION -> " asks";
            case HUNG -> " hung";
            case FAILED -> " failed";
            case GOAL_ENDED -> " ended";
        };
    }

    /** What a webhook receives and a command reads on stdin (docs/notify.md documents the schema). */
    public String json() {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", kind.label());
        o.put("session", sessionId);
        o.put("tmux_session", tmuxSession);
        if (who == null) {
            o.putNull("agent");
        } else {
            o.put("agent", who);
        }
        o.put("title", title());
        o.put("text", text);
        o.put("time", at.toString());
        o.put("attach", "tmux attach -t " + tmuxSession);
        return o.toString();
    }
}
