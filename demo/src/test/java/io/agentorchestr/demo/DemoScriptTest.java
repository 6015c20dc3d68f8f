package io.agentorchestr.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoScriptTest {
    @Test
    void directivesAreReadAndRemovedFromTheText() {
        DemoScript s = DemoScript.parse("Add a greeting [demo:sleep=1.5] [demo:fail]\nsecond line");
        assertEquals(Duration.ofMillis(1500), s.sleep());
        assertTrue(s.has("fail"));
        assertFalse(s.has("hang"));
        assertEquals("Add a greeting\nsecond line", s.text());
        assertEquals("Add a greeting", s.title());
    }

    @Test
    void editTakesAPath() {
        assertEquals("src/shared.txt", DemoScript.parse("[demo:edit=src/shared.txt] change it").editPath());
    }

    @Test
    void aBadSleepValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoScript.parse("[demo:sleep=soon]").sleep());
        assertTrue(e.getMessage().contains("[demo:sleep=soon]"));
    }

    @Test
    void longTitlesAreShortened() {
        assertEquals(72, DemoScript.parse("x".repeat(200)).title().length());
    }
}
