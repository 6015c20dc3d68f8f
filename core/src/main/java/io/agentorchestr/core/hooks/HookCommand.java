package io.agentorchestr.core.hooks;

import java.nio.file.Path;

/** One command of one event, with the hooks.json it came from (for messages and the event log). */
public record HookCommand(HookEvent event, String command, Path source) {
}
