package io.agentorchestr.cli.command;

import io.agentorchestr.cli.CliContext;
import io.agentorchestr.cli.CommonOptions;
import io.agentorchestr.cli.Json;
import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.ExitCode;
import io.agentorchestr.core.model.MessageRecord;
import io.agentorchestr.core.model.MessageView;
import io.agentorchestr.core.model.SessionRecord;
import io.agentorchestr.core.model.SessionStatus;
import io.agentorchestr.core.model.ShownText;
import io.agentorchestr.core.model.StateStore;
import io.agentorchestr.core.text.TerminalText;
import picocli.CommandLine.Model.CommandSpec;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code --messages ID [--follow]}: a session's message log from the store, as an audit trail. The
 * store is read as any other process would read it, so this works while the session runs.
 */
public final class MessagesCommand extends ModeCommand {
    private static final int PAGE = 500;
    private static final long FOLLOW_POLL_MS = 300;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final String sessionId;
    private final boolean follow;

    public MessagesCommand(CliContext context, CommandSpec spec, CommonOptions common, String sessionId,
                           boolean follow) {
        super(context, spec, common);
        this.sessionId = sessionId.strip();
        this.follow = follow;
    }

    @Override
    public Integer call() throws InterruptedException {
        StateStore store = context.store();
        SessionRecord s = store.session(sessionId).orElseThrow(() -> AgentorchestrException.usage("no session '"
                + sessionId + "'; --list-sessions shows the sessions and their ids"));
        long last = 0;
        boolean printedAny = false;
        if (common.json && !follow) {
            Json.print(out(), all(store).stream().map(m -> MessageView.of(m, ShownText.AS_WRITTEN)).toList());
            out().flush();
            return ExitCode.OK.code();
        }
        while (true) {
            List<MessageRecord> page = store.messages().after(s.id(), last, PAGE);
            for (MessageRecord m : page) {
                print(m);
                last = m.seq();
                printedAny = true;
            }
            out().flush();
            if (page.size() == PAGE) {
                continue;
            }
            if (!follow || store.session(s.id()).map(x -> x.status() != SessionStatus.RUNNING).orElse(true)) {
                break;
            }
            Thread.sleep(FOLLOW_POLL_MS);
        }
        if (!printedAny && !common.json) {
            progress("session " + s.id() + " has no messages between agents");
        }
        return ExitCode.OK.code();
    }

    private List<MessageRecord> all(StateStore store) {
        List<MessageRecord> out = new java.util.ArrayList<>();
        List<MessageRecord> page;
        do {
            page = store.messages().after(sessionId, out.isEmpty() ? 0 : out.get(out.size() - 1).seq(), PAGE);
            out.addAll(page);
        } while (page.size() == PAGE);
        return out;
    }

    private void print(MessageRecord m) {
        if (common.json) {
            Json.printLine(out(), MessageView.of(m, ShownText.AS_WRITTEN));
            return;
        }
        String to = m.to().equals(String.join(",", m.recipientIds())) ? m.to()
                : m.to() + " (" + String.join(", ", m.recipientIds()) + ")";
        out().println("#" + m.seq() + " " + TIME.format(m.createdAt()) + "  " + m.sender() + " -> " + to + "  "
                + m.type().label() + ("high".equals(m.priority()) ? " (high)" : "") + "  " + m.id()
                + (m.threadId().equals(m.id()) ? "" : " in " + m.threadId())
                + (m.replyTo() == null ? "" : ", reply to " + m.replyTo()));
        TerminalText.safe(m.body()).lines().forEach(l -> out().println("    " + l));
    }
}
