package io.agentorchestr.core.tmux;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ControlCommandLineTest {
    @Test
    void plainArgumentsAreSingleQuotedASemicolonToo() {
        assertEquals("'send-keys' '-t' '%3' ';'", ControlCommandLine.of(List.of("send-keys", "-t", "%3", ";")));
    }

    @Test
    void anArgvJoinedByLoneSemicolonsIsSentAsOneCommandEach() {
        assertEquals(List.of(List.of("set-environment", "-u", "A"), List.of("kill-pane", "-t", "%3")),
                ControlCommands.split(List.of("set-environment", "-u", "A", ";", "kill-pane", "-t", "%3")));
    }

    @Test
    void singleQuotesDollarsAndTildesStayLiteral() {
        assertEquals("'it'\"'\"'s $HOME ~ #{pane_id}'", ControlCommandLine.quote("it's $HOME ~ #{pane_id}"));
    }

    @Test
    void lineBreaksAndControlCharactersGoInDoubleQuotesWithEverySpecialCharacterEscaped() {
        assertEquals("\"a\\nb\\tc \\$HOME \\\\ \\\" \\033x\"", ControlCommandLine.quote("a\nb\tc $HOME \\ \" \u001bx"));
    }
}
