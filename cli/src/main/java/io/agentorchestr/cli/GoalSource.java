package io.agentorchestr.cli;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.FileTrouble;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a goal's text comes from: the flag, a UTF-8 file, or lines typed at a jline prompt. */
public final class GoalSource {
    static final String END = "/end";

    private GoalSource() {
    }

    public static String read(GoalOptions o, PrintWriter err) {
        int given = (o.goal != null ? 1 : 0) + (o.goalFile != null ? 1 : 0) + (o.interactive ? 1 : 0);
        if (given > 1) {
            throw AgentorchestrException.usage("pass the goal one way: --goal, --goal-file or --interactive");
        }
        if (o.goal != null) {
            return o.goal;
        }
        if (o.goalFile != null) {
            return fromFile(o.goalFile);
        }
        return interactively(err);
    }

    private static final long MAX_GOAL_FILE_BYTES = 1_000_000;

    static String fromFile(Path file) {
        if (Files.isDirectory(file)) {
            throw AgentorchestrException.usage("--goal-file " + file + " is a directory; pass the path of a UTF-8 text "
                    + "file with the goal (for example " + file.resolve("GOAL.md") + ")");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A FIFO would block here until a writer came, a device could stream forever.
            throw AgentorchestrException.usage("--goal-file " + file + " is not a regular file (a pipe, socket or "
                    + "device); save the goal to a file, or pass it with --goal \"$(cat " + file + ")\"");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_GOAL_FILE_BYTES) {
                throw AgentorchestrException.usage("--goal-file " + file + " is larger than " + MAX_GOAL_FILE_BYTES
                        / 1_000_000 + " MB; a goal is a description of the work: put long material in files "
                        + "the goal names");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw AgentorchestrException.usage("--goal-file " + file + " does not exist; pass the path of a UTF-8 "
                    + "text file with the goal");
        } catch (IOException e) {
            throw AgentorchestrException.usage(FileTrouble.describe("cannot read --goal-file " + file, e));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString()
                    .replace("\uFEFF", "");
        } catch (CharacterCodingException e) {
            throw AgentorchestrException.usage("--goal-file " + file + " is not valid UTF-8; convert it (for example "
                    + "iconv -f LATIN1 -t UTF-8 " + file + " > goal.txt)");
        }
    }

    /** Reads lines until a line "/end" or end of input (Ctrl-D); Ctrl-C abandons. */
    static String interactively(PrintWriter err) {
        err.println("agentorchestr: type or paste the goal; finish with a line " + END + " or Ctrl-D");
        err.flush();
        List<String> lines = new ArrayList<>();
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true).build();
            while (true) {
                String line;
                try {
                    line = reader.readLine("goal> ");
                } catch (EndOfFileException e) {
                    break;
                } catch (UserInterruptException e) {
                    throw AgentorchestrException.usage("goal entry cancelled (Ctrl-C); nothing was started");
                }
                // A bracketed paste arrives as one multi-line read.
                boolean ended = false;
                for (String part : line.split("\n", -1)) {
                    if (part.strip().equals(END)) {
                        ended = true;
                        break;
                    }
                    lines.add(part);
                }
                if (ended) {
                    break;
                }
            }
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot read the goal from the terminal: " + e.getMessage(), e);
        }
        return String.join("\n", lines).strip();
    }
}
