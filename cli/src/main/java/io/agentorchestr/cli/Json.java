package io.agentorchestr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;

/** Writes --json output: pretty, ISO-8601 timestamps, one document per command (or one per line, streamed). */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    static {
        // JSON escapes C0 controls itself; DEL and C1 controls (0x9b is a one-byte CSI) are escaped too,
        // so agents' text in a listing cannot drive the terminal it is printed on.
        MAPPER.getFactory().setCharacterEscapes(new com.fasterxml.jackson.core.io.CharacterEscapes() {
            private static final long serialVersionUID = 1L;
            private final int[] escapes;

            {
                escapes = standardAsciiEscapesForJSON();
                escapes[0x7f] = ESCAPE_STANDARD;
            }

            @Override
            public int[] getEscapeCodesForAscii() {
                return escapes;
            }

            @Override
            public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
                return ch >= 0x80 && ch < 0xa0 || ch >= 0x202a && ch <= 0x202e || ch >= 0x2066 && ch <= 0x2069
                        ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch)) : null;
            }
        });
    }

    private Json() {
    }

    /** One document on one line, for streams of them (--follow --json). */
    public static void printLine(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
