package io.agentorchestr.cli;

import io.agentorchestr.core.tmux.PaneLayout;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --layout's value: main-horizontal, main-vertical, tiled or windows. */
public final class LayoutConverter implements ITypeConverter<PaneLayout.Kind> {
    @Override
    public PaneLayout.Kind convert(String value) {
        try {
            return PaneLayout.Kind.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
