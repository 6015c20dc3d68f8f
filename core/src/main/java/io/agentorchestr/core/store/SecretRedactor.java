package io.agentorchestr.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks secrets before they reach the audit log: values of fields whose name says secret (token,
 * authorization, api key, password) and bearer tokens or API-key-shaped strings anywhere in text.
 */
final class SecretRedactor {
    static final String MASK = "[redacted]";
    private static final Pattern SECRET_FIELD =
            Pattern.compile("(?i).*(token|secret|password|passwd|authorization|api[_-]?key|cookie).*");
    private static final Pattern SECRET_TEXT = Pattern.compile(
            "(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}|\\b(sk-[A-Za-z0-9_-]{16,}|gsk_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{30,})");

    private SecretRedactor() {
    }

    static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (SECRET_FIELD.matcher(name).matches() && value.isValueNode() && !value.isNull()) {
                    object.put(name, MASK);
                } else if (value.isTextual()) {
                    object.put(name, redactText(value.asText()));
                } else {
                    redact(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, array.textNode(redactText(array.get(i).asText())));
                } else {
                    redact(array.get(i));
                }
            }
        }
    }

    static String redactText(String text) {
        return SECRET_TEXT.matcher(text).replaceAll(m -> m.group(1) != null
                ? java.util.regex.Matcher.quoteReplacement(m.group(1) + MASK) : MASK);
    }
}
