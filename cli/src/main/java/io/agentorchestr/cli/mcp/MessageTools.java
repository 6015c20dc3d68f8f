package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.mcp.ToolCalls.Param;
import io.agentorchestr.core.goal.Mailbox;
import io.agentorchestr.core.goal.Supervisor;
import io.agentorchestr.core.goal.ToolError;
import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageType;
import io.agentorchestr.core.model.MessageView;
import io.agentorchestr.core.model.ShownText;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Messages between the lead and the workers: send_message and read_inbox for everyone, wait_for_all for the lead. */
final class MessageTools {
    static final int MAX_INBOX_WAIT_S = 600;
    private static final int MAX_WAIT_S = 3600;

    private MessageTools() {
    }

    static List<ToolEntry> all(Supervisor s) {
        return List.of(
                ToolEntry.everyone("send_message", "Send a typed message to another agent of this session: a worker by "
                                + "id (w02), the lead, all (everyone else still running) or role:NAME (running workers "
                                + "of that perspective, e.g. role:tester). It is stored before it is delivered, and each "
                                + "recipient reads it once with read_inbox; an agent that does not poll is told of it "
                                + "when it is back at its prompt. Workers that have ended get no messages (the call is "
                                + "refused with their state). Sending the very same message again within two "
                                + "minutes (a retry after a lost reply) stores it once and returns the first one's "
                                + "id. Types: " + types() + ".",
                        List.of(Param.req("to", "string", "w02, lead, all or role:NAME.").maxChars(80),
                                Param.req("type", "string", "One of " + MessageType.labels() + ".").maxChars(32),
                                Param.req("body", "string", "The message, self-contained; at most "
                                        + Mailbox.MAX_BODY_CHARS + " characters.").maxChars(Mailbox.MAX_BODY_CHARS),
                                Param.opt("reply_to", "string", "The id of the message this replies to (required for "
                                        + "an answer, which replies to a question); the reply joins its thread.")
                                        .maxChars(80),
                                Param.opt("thread_id", "string", "The conversation this belongs to, when it is not "
                                        + "a reply (default: a new thread named by the message's id).").maxChars(100),
                                Param.opt("priority", "string", "normal (default) or high: said in the notice the "
                                        + "recipient gets.").maxChars(16)),
                        (a, caller) -> {
                            MessageRecord m = s.mailbox().send(caller.id(), new Mailbox.Draft(a.string("to"),
                                    a.string("type"), a.string("body"), a.optString("reply_to"),
                                    a.optString("thread_id"), a.optString("priority")));
                            Map<String, Object> r = new LinkedHashMap<>();
                            r.put("id", m.id());
                            r.put("seq", m.seq());
                            r.put("thread_id", m.threadId());
                            r.put("recipients", m.recipientIds());
                            return r;
                        }),
                ToolEntry.everyone("read_inbox", "Your unread messages, oldest first, each once: they are marked read "
                                + "as they are returned. With wait_s, waits up to that long for the first one when "
                                + "none is there. Answer a question with send_message(type=answer, reply_to=its id).",
                        List.of(Param.opt("wait_s", "integer", "Seconds to wait for a message when none is unread "
                                        + "(default 0: return at once; at most " + MAX_INBOX_WAIT_S + ").")
                                        .range(0, MAX_INBOX_WAIT_S),
                                Param.opt("types", "string[]", "Only these types (the others stay unread), e.g. "
                                        + "[\"question\"].").maxChars(32)),
                        (a, caller) -> s.mailbox().read(caller.id(), types(a.optStrings("types")),
                                Duration.ofSeconds(a.optInt("wait_s", 0))).thenApply(ms -> {
                                    Map<String, Object> r = new LinkedHashMap<>();
                                    r.put("messages", ms.stream().map(m -> MessageView.of(m, ShownText.AS_WRITTEN))
                                            .toList());
                                    r.put("still_unread", s.mailbox().unread(caller.id()));
                                    return r;
                                })),
                ToolEntry.lead("wait_for_all", "A barrier: block until every named worker (default: every worker "
                                + "running now) has finished, or timeout_s passes; returns them as they stand, with "
                                + "all_finished saying which it was.",
                        List.of(Param.opt("worker_ids", "string[]", "Workers to wait for (default: all running "
                                        + "now).").maxChars(64),
                                Param.opt("timeout_s", "integer", "Seconds to wait (default 600, at most "
                                        + MAX_WAIT_S + ").").range(0, MAX_WAIT_S)),
                        (a, caller) -> s.board().awaitAll(a.optStrings("worker_ids"),
                                Duration.ofSeconds(a.optInt("timeout_s", 600))).thenApply(ws -> {
                                    Map<String, Object> r = new LinkedHashMap<>();
                                    r.put("all_finished", ws.stream().allMatch(w -> w.state().terminal()));
                                    r.put("workers", Views.workers(ws, s));
                                    return r;
                                })));
    }

    private static String types() {
        return Arrays.stream(MessageType.values()).map(t -> t.label() + " (" + t.meaning() + ")")
                .collect(Collectors.joining("; "));
    }

    private static Set<MessageType> types(List<String> labels) {
        Set<MessageType> out = EnumSet.noneOf(MessageType.class);
        for (String l : labels) {
            out.add(MessageType.find(l).orElseThrow(() -> new ToolError("unknown type '" + l + "' in types; use "
                    + MessageType.labels())));
        }
        return out;
    }
}
