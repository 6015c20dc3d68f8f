package io.agentorchestr.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewsTest {
    @Test
    void everyStringInEventDataLosesEscapesAndControlCharactersButKeepsMarkupAsText() {
        JsonNode d = Views.data("{\"summary\":\"\\u001b]0;pwned\\u0007<script>x()</script> \\u009b31m\\u0000ok\","
                + "\"files\":[\"a\\u001b[2Jb\"],\"n\":3}");
        assertEquals("<script>x()</script> ok", d.get("summary").asText());
        assertEquals("ab", d.get("files").get(0).asText());
        assertEquals(3, d.get("n").asInt());
    }

    @Test
    void dataThatIsNotJsonIsShownAsSafeText() {
        assertEquals("oops", Views.data("oops\u0007").asText());
    }

    @Test
    void htmlEscapesTheFiveSpecialCharacters() {
        String s = Replies.html("<img src=x onerror='a()'> & \"q\"\u001b[2J");
        assertFalse(s.contains("<") || s.contains(">") || s.contains("\u001b"));
        assertTrue(s.contains("&lt;img src=x onerror=&#39;a()&#39;&gt; &amp; &quot;q&quot;"), s);
    }
}
