package io.agentorchestr.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations people type: "90" (seconds), "90s", "30m", "2h", "1h30m", "7d". */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too long a duration; the longest accepted is 30 days "
                    + "(720h)");
        }
    }

    private static Duration parse(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.matches("\\d+")) {
            return positive(Duration.ofSeconds(Long.parseLong(v)), value);
        }
        if (!v.matches("(\\d+[dhms])+")) {
            throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 90s, 30m, 2h, 1h30m or 7d");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return positive(total, value);
    }

    private static Duration positive(Duration d, String value) {
        if (d.isZero()) {
            throw new TypeConversionException("'" + value + "' is zero; give a positive duration");
        }
        return d;
    }
}
