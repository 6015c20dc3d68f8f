package io.agentorchestr.core.hooks;

import io.agentorchestr.core.error.AgentorchestrException;
import io.agentorchestr.core.error.ExitCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HookFileTest {
    private static final Path FILE = Path.of("/p/.agentorchestr/hooks.json");

    @Test
    void aStringAListNullsAndEmptyEntriesAndCommentsAreRead() {
        List<HookCommand> c = HookFile.parse(FILE, """
                {
                  "$comment": ["anything", 1, {"x": null}],
                  "// note": "also a comment",
                  "pre_task": "./check.sh",
                  "post_task": ["echo a", null, "", "  ", "echo b"],
                  "on_failure": null,
                  "on_pause": []
                }
                """);
        assertEquals(List.of(new HookCommand(HookEvent.PRE_TASK, "./check.sh", FILE),
                new HookCommand(HookEvent.POST_TASK, "echo a", FILE),
                new HookCommand(HookEvent.POST_TASK, "echo b", FILE)), c);
    }

    @Test
    void anUnknownEventIsRefusedWithItsLineAndTheEventsThatExist() {
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> HookFile.parse(FILE,
                "{\n  \"pre_task\": [],\n  \"pre_tsak\": \"x\"\n}\n"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("invalid hooks file " + FILE + ", line 3: unknown event \"pre_tsak\""),
                e.getMessage());
        assertTrue(e.getMessage().contains("pre_session, post_session, pre_task"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsLine() {
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> HookFile.parse(FILE,
                "{\n\"pre_eval\": [\"ok\",\n  42]\n}"));
        assertTrue(e.getMessage().contains("line 3: pre_eval lists a number"), e.getMessage());
        e = assertThrows(AgentorchestrException.class, () -> HookFile.parse(FILE, "{\"post_eval\": {\"a\": 1}}"));
        assertTrue(e.getMessage().contains("line 1: post_eval is an object"), e.getMessage());
        e = assertThrows(AgentorchestrException.class, () -> HookFile.parse(FILE, "[\"pre_task\"]"));
        assertTrue(e.getMessage().contains("must be one JSON object"), e.getMessage());
    }

    @Test
    void brokenJsonNamesTheLineOfTheMistake() {
        AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> HookFile.parse(FILE,
                "{\n  \"pre_task\": [\"a\"]\n  \"post_task\": []\n}"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("invalid hooks file " + FILE + ", line 3: "), e.getMessage());
        e = assertThrows(AgentorchestrException.class, () -> HookFile.parse(FILE, ""));
        assertTrue(e.getMessage().contains("must be one JSON object"), e.getMessage());
    }

    @Test
    void aMissingFileHasNoHooks() {
        assertEquals(List.of(), HookFile.read(Path.of("/nonexistent/hooks.json")));
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aHooksFileThatIsADirectoryPipeOrDeviceIsAnErrorNotHooksOff(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path fifo = dir.resolve("fifo.json");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        for (Path p : List.of(dir, fifo, Path.of("/dev/null"))) {
            AgentorchestrException e = assertThrows(AgentorchestrException.class, () -> HookFile.read(p), p.toString());
            assertTrue(e.getMessage().contains("is not a regular file (a directory, pipe or device)"), e.getMessage());
            assertEquals(ExitCode.USAGE, e.exitCode());
        }
    }

    @Test
    void onlyPreEventsCanRefuse() {
        for (HookEvent e : HookEvent.values()) {
            assertEquals(e.key().startsWith("pre_"), e.vetoes(), e.key());
        }
        assertEquals(9, HookEvent.values().length);
    }
}
