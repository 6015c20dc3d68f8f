package io.agentorchestr.core.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretRedactorTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "AKIAIOSFODNN7EXAMPLE",
        "ASIAY34FZKBOKMUTVV7A",
        "ghp_1234567890abcdefghijABCDEFGHIJ123456",
        "gho_1234567890abcdefghijABCDEFGHIJ123456",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
        "glpat-abcdefghij1234567890",
        "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345",
        "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789",
        "gsk_abcdefghijklmnopqrstuvwxyz012345",
        "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH",
        "AIzaSyD-abcdefghijklmnopqrstuvwxyz012345",
        "npm_abcdefghijklmnopqrstuvwxyz0123456789",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
    })
    void commonCredentialFamiliesAreMaskedInText(String secret) {
        String masked = SecretRedactor.redactText("use " + secret + " please");
        assertFalse(masked.contains(secret), masked);
        assertEquals("use [redacted] please", masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Authorization: Bearer abcdefgh12345678",
        "https://alice:hunter2hunter2@example.com/repo.git",
        "export API_KEY=abcd1234efgh5678",
        "password: \"correct horse battery\"",
        "DB_PASSWORD=s3cr3t-value-here",
    })
    void valuesAfterAReadablePrefixAreMasked(String text) {
        String masked = SecretRedactor.redactText(text);
        assertTrue(masked.contains("[redacted]"), masked);
        assertFalse(masked.contains("abcdefgh12345678") || masked.contains("hunter2hunter2")
                || masked.contains("abcd1234efgh5678") || masked.contains("s3cr3t-value-here"), masked);
    }

    @Test
    void privateKeyBlocksAreMaskedWhole() {
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
        assertEquals("key: [redacted] end", SecretRedactor.redactText("key: " + key + " end"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Add JWT auth to /api/users",
        "commit 3435cf80d3a1b2c3d4e5f60718293a4b5c6d7e8f",
        "raise the token budget for the summariser",
        "the password field must be at least 12 characters",
    })
    void ordinaryTextIsLeftAlone(String text) {
        assertEquals(text, SecretRedactor.redactText(text));
    }

    /** One of every family the regexes know, so a family the quick pre-check would miss shows up here. */
    @ParameterizedTest
    @ValueSource(strings = {
        "A3TXABCDEFGHIJKLMNOP", "ABIAABCDEFGHIJKLMNOP", "ACCAABCDEFGHIJKLMNOP", "AGPAABCDEFGHIJKLMNOP",
        "AIDAABCDEFGHIJKLMNOP", "AROAABCDEFGHIJKLMNOP", "AIPAABCDEFGHIJKLMNOP", "ANPAABCDEFGHIJKLMNOP",
        "ANVAABCDEFGHIJKLMNOP", "ghu_1234567890abcdefghijABCDEFGHIJ12", "ghs_1234567890abcdefghijABCDEFGHIJ12",
        "ghr_1234567890abcdefghijABCDEFGHIJ12", "glptt-abcdefghij1234567890", "gldt-abcdefghij1234567890",
        "glrt-abcdefghij1234567890", "glcbt-abcdefghij1234567890", "gloas-abcdefghij1234567890",
        "glimt-abcdefghij1234567890", "glft-abcdefghij1234567890", "glagent-abcdefghij1234567890",
        "glsoat-abcdefghij1234567890", "hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXX",
        "rk_test_abcdefghij12", "ya29.abcdefghijklmnopqrstuvwxyz", "pypi-AgEIcHlwaS5vcmcCJGFiY2RlZmdoLWlqa2wtbW5vcC1x",
        "SK0123456789abcdef0123456789abcdef", "shpat_0123456789abcdef0123456789abcdef",
        "dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "dapi0123456789abcdef0123456789abcdef",
    })
    void everyFamilyIsMaskedInOrdinaryText(String secret) {
        String masked = SecretRedactor.redactText("the worker printed " + secret + " by mistake");
        assertEquals("the worker printed [redacted] by mistake", masked);
    }

    @Test
    void aSignatureInAnAzureSasUrlIsMasked() {
        String masked = SecretRedactor.redactText("https://acct.blob.core.windows.net/c?sv=2020-08-04&sig="
                + "abcdefghijklmnopqrstuvwxyz012345");
        assertFalse(masked.contains("abcdefghijklmnopqrstuvwxyz012345"), masked);
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertEquals(null, SecretRedactor.redactText(null));
        assertEquals("", SecretRedactor.redactText(""));
    }

    @Test
    void textUnderASecretsNameIsMaskedButACountIsNot() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode tree = json.readTree("{\"api_key\": \"abc\", \"input_tokens\": 500, "
                + "\"nested\": {\"auth_token\": \"xyz\", \"token_budget\": 1000}}");
        SecretRedactor.redact(tree);
        assertEquals("{\"api_key\":\"[redacted]\",\"input_tokens\":500,\"nested\":{\"auth_token\":\"[redacted]\","
                + "\"token_budget\":1000}}", tree.toString());
    }
}
