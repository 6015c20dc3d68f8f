package io.agentorchestr.core.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 encoding that refuses what it cannot encode (Java's default silently writes '?'). */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    public static byte[] encode(String what, String text) throws CharacterCodingException {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            CharacterCodingException named = new CharacterCodingException() {
                private static final long serialVersionUID = 1L;

                @Override
                public String getMessage() {
                    return what + " cannot be written as UTF-8";
                }
            };
            named.initCause(e);
            throw named;
        }
    }
}
