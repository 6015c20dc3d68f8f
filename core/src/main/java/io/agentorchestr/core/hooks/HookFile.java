package io.agentorchestr.core.hooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.agentorchestr.core.error.AgentorchestrException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads one {@code hooks.json}: an object whose keys are event names and whose values are a command
 * string, a list of them, or null. Empty strings and nulls are skipped (the original wrote
 * {@code null} hooks and then crashed on them). Keys starting with {@code $} or {@code //} are
 * comments. Anything else is refused at start with the file, the line and the fix, so a typo never
 * silently disables a hook.
 */
public final class HookFile {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_COMMAND_CHARS = 8_192;
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private HookFile() {
    }

    /** The commands of {@code file}, or none when it does not exist. */
    public static List<HookCommand> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        if (!Files.isRegularFile(file)) {
            // Silence here would be hooks off without a word: the user meant this path to hold hooks.
            throw AgentorchestrException.usage("the hooks file " + file + " is not a regular file (a directory, "
                    + "pipe or device); make it a JSON file like {\"pre_task\": [\"./check.sh\"]}, or remove it");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw AgentorchestrException.usage("the hooks file " + file + " is larger than " + MAX_FILE_BYTES / 1024
                        + " KB; it holds commands, not data");
            }
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot read the hooks file " + file + ": " + e.getMessage(), e);
        }
    }

    static List<HookCommand> parse(Path file, String text) {
        List<HookCommand> commands = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(file, p, "the file must be one JSON object like {\"pre_task\": [\"./check.sh\"]}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (key.startsWith("$") || key.startsWith("//")) {
                    p.skipChildren();
                    continue;
                }
                HookEvent event = HookEvent.byKey(key).orElseThrow(() -> invalid(file, p, "unknown event \""
                        + key + "\"; the events are " + Arrays.stream(HookEvent.values()).map(HookEvent::key)
                        .collect(Collectors.joining(", "))));
                commands.addAll(values(file, p, event));
            }
            if (p.nextToken() != null) {
                throw invalid(file, p, "unexpected content after the top-level object");
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw AgentorchestrException.usage("invalid hooks file " + file + ", line " + line + ": "
                    + e.getOriginalMessage() + "; fix the JSON (agentorchestr --init writes a valid one)");
        } catch (IOException e) {
            throw AgentorchestrException.error("cannot read the hooks file " + file + ": " + e.getMessage(), e);
        }
        return commands;
    }

    private static List<HookCommand> values(Path file, JsonParser p, HookEvent event) throws IOException {
        List<HookCommand> commands = new ArrayList<>();
        switch (p.currentToken()) {
            case VALUE_NULL -> { }
            case VALUE_STRING -> command(file, p, event).ifPresent(commands::add);
            case START_ARRAY -> {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        command(file, p, event).ifPresent(commands::add);
                    } else if (p.currentToken() != JsonToken.VALUE_NULL) {
                        throw invalid(file, p, event.key() + " lists " + describe(p.currentToken())
                                + "; each entry must be a shell command in a string");
                    }
                }
            }
            default -> throw invalid(file, p, event.key() + " is " + describe(p.currentToken()) + "; give a "
                    + "command string, a list of them, or null");
        }
        return commands;
    }

    private static java.util.Optional<HookCommand> command(Path file, JsonParser p, HookEvent event)
            throws IOException {
        String command = p.getText().strip();
        if (command.length() > MAX_COMMAND_CHARS) {
            throw invalid(file, p, "a command of " + event.key() + " is longer than " + MAX_COMMAND_CHARS
                    + " characters; put it in a script and call that");
        }
        if (command.indexOf('\0') >= 0) {
            throw invalid(file, p, "a command of " + event.key() + " contains a NUL character");
        }
        return command.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new HookCommand(event, command, file));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static AgentorchestrException invalid(Path file, JsonParser p, String problem) {
        return AgentorchestrException.usage("invalid hooks file " + file + ", line "
                + p.currentTokenLocation().getLineNr() + ": " + problem);
    }
}
