package io.agentorchestr.core.tmux;

import io.agentorchestr.core.config.ProjectConfig;
import io.agentorchestr.core.error.AgentorchestrException;
import org.tomlj.TomlParseResult;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The session's pane layout: {@code --layout} / {@code --panes-per-window} first, then the project's
 * {@code [tmux] layout} and {@code panes_per_window}, then {@link PaneLayout#DEFAULT}.
 */
public final class TmuxConfig {
    private TmuxConfig() {
    }

    /** @param kind the --layout given, or null; @param perWindow the --panes-per-window given, or null */
    public static PaneLayout layout(Path projectRoot, PaneLayout.Kind kind, Integer perWindow) {
        Optional<TomlParseResult> toml = ProjectConfig.load(projectRoot);
        Path file = ProjectConfig.file(projectRoot);
        try {
            PaneLayout.Kind k = kind != null ? kind : toml.map(t -> t.getString("tmux.layout")).map(PaneLayout.Kind::parse)
                    .orElse(PaneLayout.DEFAULT.kind());
            int n = perWindow != null ? perWindow : toml.map(t -> t.getLong("tmux.panes_per_window")).map(Math::toIntExact)
                    .orElse(PaneLayout.DEFAULT_PER_WINDOW);
            return new PaneLayout(k, n);
        } catch (IllegalArgumentException | ArithmeticException | org.tomlj.TomlInvalidTypeException e) {
            throw AgentorchestrException.usage((perWindow != null || kind != null ? "" : "[tmux] in " + file + ": ")
                    + e.getMessage() + " (--layout main-horizontal|main-vertical|tiled|windows, --panes-per-window 1-"
                    + PaneLayout.MAX_PER_WINDOW + ")");
        }
    }
}
