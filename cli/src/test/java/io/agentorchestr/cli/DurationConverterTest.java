package io.agentorchestr.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void acceptsSecondsAndUnitSuffixes() {
        assertEquals(Duration.ofSeconds(90), converter.convert("90"));
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofMinutes(30), converter.convert("30m"));
        assertEquals(Duration.ofMinutes(90), converter.convert("1h30m"));
        assertEquals(Duration.ofHours(2), converter.convert("2H"));
    }

    @Test
    void rejectsZeroAndGarbage() {
        assertThrows(TypeConversionException.class, () -> converter.convert("0"));
        assertThrows(TypeConversionException.class, () -> converter.convert("5 minutes"));
        assertThrows(TypeConversionException.class, () -> converter.convert("-3s"));
    }

    @Test
    void aNumberTooLargeForTheClockIsRefusedWithTheLimitNotACrash() {
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> converter.convert("99999999999999999999999s"));
        assertEquals("'99999999999999999999999s' is too long a duration; the longest accepted is 30 days (720h)",
                e.getMessage());
        assertThrows(TypeConversionException.class, () -> converter.convert("9223372036854775807h"));
    }
}
