package io.agentorchestr.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before text is stored in the audit log, listed or printed: values of fields whose
 * name says secret (token, authorization, api key, password), and the common credential families
 * anywhere in text. The families follow gitleaks' rule list: cloud keys (AWS, Google, Azure SAS),
 * forge tokens (GitHub, GitLab), chat and payment tokens (Slack, Stripe, Twilio, SendGrid),
 * LLM keys (Anthropic, OpenAI, Groq, Hugging Face), package registries (npm, PyPI), private key
 * blocks, JWTs, bearer tokens, passwords in URLs and {@code key=value} assignments.
 */
public final class SecretRedactor {
    public static final String MASK = "[redacted]";
    private static final Pattern SECRET_FIELD =
            Pattern.compile("(?i).*(token|secret|password|passwd|authorization|api[_-]?key|cookie|credential).*");

    /** Whole-match secrets: the match is replaced by the mask. */
    private static final Pattern SECRET_TEXT = Pattern.compile(String.join("|",
            "-----BEGIN[A-Z ]{0,40}PRIVATE KEY( BLOCK)?-----[\\s\\S]*?(-----END[A-Z ]{0,40}PRIVATE KEY( BLOCK)?-----|$)",
            "\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z2-7]{16}\\b",
            "\\b(?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{30,}",
            "\\bgithub_pat_[0-9A-Za-z_]{40,}",
            "\\bgl(?:pat|ptt|dt|rt|cbt|oas|imt|ft|agent|soat)-[0-9A-Za-z_-]{20,}",
            "\\bxox[abposr]-[0-9A-Za-z-]{10,}",
            "hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9+/_-]{20,}",
            "\\b(?:sk|rk)_(?:test|live|prod)_[0-9A-Za-z]{10,}",
            "\\bsk-[A-Za-z0-9_-]{16,}",
            "\\bgsk_[A-Za-z0-9]{16,}",
            "\\bhf_[A-Za-z0-9]{30,}",
            "\\bAIza[0-9A-Za-z_-]{30,}",
            "\\bya29\\.[0-9A-Za-z_-]{20,}",
            "\\bnpm_[A-Za-z0-9]{30,}",
            "\\bpypi-AgE[A-Za-z0-9_-]{40,}",
            "\\bSG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}",
            "\\bSK[0-9a-fA-F]{32}\\b",
            "\\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
            "\\bdo[opr]_v1_[a-f0-9]{64}",
            "\\bdapi[a-f0-9]{32}",
            "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"));

    /** A secret after a prefix that stays readable: the value in group "v" is masked. */
    private static final Pattern SECRET_VALUE = Pattern.compile(String.join("|",
            "(?i)\\bbearer\\s+(?<v>[A-Za-z0-9._~+/=-]{8,})",
            "(?i)\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:(?<v2>[^/\\s@]{3,})@",
            "(?i)[?&]sig=(?<v3>[A-Za-z0-9%+/=]{20,})",
            "(?i)\\b[a-z0-9_.-]*(?:api[_-]?key|secret|token|passw(?:or)?d|passwd|credential)[a-z0-9_.-]*"
                    + "[\"']?\\s*[:=]\\s*(?:\"(?<v5>[^\"\\n]{4,})\"|'(?<v6>[^'\\n]{4,})'|(?<v4>[^\\s\"',;]{8,}))"));

    /**
     * A literal every {@link #SECRET_TEXT} match holds, and every {@link #SECRET_VALUE} match holds
     * in lower case: text with none of them has no secret, without running the regexes (which try
     * every alternative at every position: most of the CPU of a tool call, which is audited).
     */
    private static final List<String> TEXT_LITERALS = List.of("-----BEGIN", "A3T", "AKIA", "ASIA", "ABIA", "ACCA",
            "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
            "glpat-", "glptt-", "gldt-", "glrt-", "glcbt-", "gloas-", "glimt-", "glft-", "glagent-", "glsoat-", "xox",
            "hooks.slack.com/", "sk_", "rk_", "sk-", "gsk_", "hf_", "AIza", "ya29.", "npm_", "pypi-AgE", "SG.", "SK",
            "shp", "_v1_", "dapi", "eyJ");
    private static final List<String> VALUE_LITERALS = List.of("bearer", "://", "sig=", "apikey", "api_key",
            "api-key", "secret", "token", "passw", "credential");

    private SecretRedactor() {
    }

    private static boolean mayHoldSecret(String text) {
        for (String literal : TEXT_LITERALS) {
            if (text.contains(literal)) {
                return true;
            }
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String literal : VALUE_LITERALS) {
            if (lower.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Masks secret fields and secrets in text values of a JSON tree, in place. */
    public static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                // A count ("input_tokens": 500) is not a secret; only text under a secret's name is.
                if (SECRET_FIELD.matcher(name).matches() && (value.isTextual() || value.isBinary())) {
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

    /** The text with every recognised secret masked; null stays null. */
    public static String redactText(String text) {
        if (text == null || text.isEmpty() || !mayHoldSecret(text)) {
            return text;
        }
        String masked = SECRET_TEXT.matcher(text).replaceAll(MASK);
        Matcher m = SECRET_VALUE.matcher(masked);
        StringBuilder out = new StringBuilder(masked.length());
        int last = 0;
        while (m.find()) {
            String group = java.util.stream.Stream.of("v", "v2", "v3", "v4", "v5", "v6")
                    .filter(g -> m.group(g) != null).findFirst().orElseThrow();
            if (m.group(group).equals(MASK) || m.group(group).startsWith(MASK)) {
                continue;
            }
            out.append(masked, last, m.start(group)).append(MASK);
            last = m.end(group);
        }
        return out.append(masked, last, masked.length()).toString();
    }
}
