package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.mcp.ToolCalls.Param;
import io.agentorchestr.core.goal.ToolError;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ToolArgsTest {
    private static final List<Param> PARAMS = List.of(
            Param.req("task", "string", "What to do.").maxChars(20),
            Param.opt("timeout_s", "integer", "Seconds.").range(0, 3600),
            Param.opt("ids", "string[]", "Workers.").maxChars(8));

    private static String problem(Map<String, Object> args) {
        return assertThrows(ToolError.class, () -> ToolArgs.checked("t", PARAMS, args)).getMessage();
    }

    private static Map<String, Object> with(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void wrongTypesAreNamed() {
        assertEquals("t: 'task' must be a string, not a number", problem(with("task", 12)));
        assertEquals("t: 'timeout_s' must be a whole number from 0 to 3600, not true",
                problem(with("task", "x", "timeout_s", true)));
        assertEquals("t: 'timeout_s' must be a whole number from 0 to 3600, not 1.5",
                problem(with("task", "x", "timeout_s", 1.5)));
        assertEquals("t: 'ids' must be a list of strings; item 1 is a number",
                problem(with("task", "x", "ids", List.of("w01", 2))));
        assertEquals("t: 'ids' must be a list of strings, not an object", problem(with("task", "x", "ids", Map.of())));
    }

    @Test
    void numbersOutOfRangeDoNotWrapAround() {
        assertEquals("t: 'timeout_s' must be from 0 to 3600, not 2147483648",
                problem(with("task", "x", "timeout_s", 2147483648L)));
        assertEquals("t: 'timeout_s' must be from 0 to 3600, not -1", problem(with("task", "x", "timeout_s", -1)));
        assertEquals("t: 'timeout_s' must be a whole number from 0 to 3600, not 1.0E30",
                problem(with("task", "x", "timeout_s", 1.0e30)));
    }

    @Test
    void unknownMissingAndBadTextArguments() {
        assertEquals("t has no argument 'tsak'; it takes: task, timeout_s, ids", problem(with("tsak", "x")));
        assertEquals("t needs the argument 'task' (string)", problem(with()));
        assertEquals("t: 'task' is empty; What to do.", problem(with("task", "  ")));
        assertEquals("t: 'task' contains a lone UTF-16 surrogate (U+D800) at position 1, which is not valid Unicode "
                + "text; send valid UTF-8", problem(with("task", "x\ud800")));
        assertEquals("t: 'task' is 21 characters long; the limit is 20", problem(with("task", "x".repeat(21))));
        assertEquals("t: 'ids' item 0 contains a NUL character (U+0000) at position 1; send plain text without NUL",
                problem(with("task", "x", "ids", List.of("w\u0000"))));
    }

    @Test
    void goodArgumentsAreReadIncludingANumberWrittenAsText() {
        ToolArgs a = ToolArgs.checked("t", PARAMS, with("task", "do it", "timeout_s", "60", "ids", "w01, w02"));
        assertEquals("do it", a.string("task"));
        assertEquals(60, a.optInt("timeout_s", 600));
        assertEquals(List.of("w01", "w02"), a.optStrings("ids"));
        assertEquals(600, ToolArgs.checked("t", PARAMS, with("task", "x")).optInt("timeout_s", 600));
    }
}
