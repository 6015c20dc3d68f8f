package io.agentorchestr.core.tmux;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TmuxValuesTest {
    @Test
    void versionsParseIncludingLettersAndDevelopmentBuilds() {
        assertEquals(new TmuxVersion(3, 3, "tmux 3.3a"), TmuxVersion.parse("tmux 3.3a\n").orElseThrow());
        assertTrue(TmuxVersion.parse("tmux next-3.5").orElseThrow().atLeast(TmuxVersion.MINIMUM));
        assertTrue(TmuxVersion.parse("tmux master").orElseThrow().atLeast(TmuxVersion.MINIMUM));
        assertFalse(TmuxVersion.parse("tmux 3.1c").orElseThrow().atLeast(TmuxVersion.MINIMUM));
        assertFalse(TmuxVersion.parse("tmux 2.9").orElseThrow().atLeast(TmuxVersion.MINIMUM));
        assertTrue(TmuxVersion.parse("garbage").isEmpty());
    }

    @Test
    void pastedTextLosesEscapesAndControlKeysButKeepsNewlinesTabsAndUnicode() {
        assertEquals("a\nb\tc é ☕ $(x) 'q'", PastedText.sanitize("a\r\nb\tc\u0003 é ☕\u001b[201~ $(x) 'q'"
                .replace("\u001b[201~", "\u001b[201~")).replace("[201~", ""));
        assertEquals("line1\nline2", PastedText.sanitize("line1\rline2"));
        assertEquals("x[201~y", PastedText.sanitize("x\u001b[201~y"));
    }

    @Test
    void serverArgumentsSelectAPrivateSocketAndConfig() {
        TmuxServer s = TmuxServer.atPath(Path.of("/tmp/t.sock"), Path.of("/dev/null"));
        assertEquals(List.of("tmux", "-S", "/tmp/t.sock", "-f", "/dev/null"), s.argvPrefix());
        assertEquals(List.of("tmux"), TmuxServer.defaultServer().argvPrefix());
        assertEquals(List.of("tmux", "-L", "ao"),
                TmuxServer.fromEnvironment(Map.of("AGENTORCHESTR_TMUX_SOCKET_NAME", "ao")).argvPrefix());
    }

    @Test
    void paneIdsAreValidated() {
        assertEquals("%12", new PaneRef("%12").id());
        assertThrows(IllegalArgumentException.class, () -> new PaneRef("0"));
    }

    @Test
    void paneStatusLinesParseDeadAndLivePanes() {
        PaneStatus dead = TmuxFormats.status("%3\t@1\tagentorchestr\t1\t7\t1234\tjava");
        assertTrue(dead.dead());
        assertEquals(7, dead.deadStatus());
        PaneStatus live = TmuxFormats.status("%4\t@2\tagentorchestr-2\t0\t\t99\tsh");
        assertFalse(live.dead());
        assertEquals(null, live.deadStatus());
        assertEquals("agentorchestr-2", live.windowName());
    }

    @Test
    void spillWindowsAreNumberedFromTwoSkippingTakenNames() {
        assertEquals("agentorchestr-2", PanePlacer.nextWindowName(List.of("agentorchestr")));
        assertEquals("agentorchestr-4", PanePlacer.nextWindowName(List.of("agentorchestr", "agentorchestr-2",
                "agentorchestr-3")));
    }
}
