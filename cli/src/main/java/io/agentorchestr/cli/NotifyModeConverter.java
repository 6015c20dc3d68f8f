package io.agentorchestr.cli;

import io.agentorchestr.core.attend.NotifyMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --notify's value, in any case: none, terminal, desktop or all. */
public final class NotifyModeConverter implements ITypeConverter<NotifyMode> {
    @Override
    public NotifyMode convert(String value) {
        try {
            return NotifyMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
