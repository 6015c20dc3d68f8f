package io.agentorchestr.cli.docs;

import io.agentorchestr.cli.Main;
import io.agentorchestr.cli.VersionProvider;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build step: writes the man page and the shell completion scripts from the command's picocli model
 * into a directory the distribution takes them from. Usage: {@code GenerateDocs OUTPUT_DIR}.
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/generated-docs");
        CommandLine cmd = Main.commandLine(Map.of());
        write(out.resolve("man/man1/agentorchestr.1"), ManPage.render(cmd, VersionProvider.version()));
        String bash = AutoComplete.bash("agentorchestr", cmd);
        write(out.resolve("bash-completion/completions/agentorchestr"), bash);
        write(out.resolve("zsh/agentorchestr-completion.zsh"), "# zsh completion for agentorchestr: source this file "
                + "from ~/.zshrc\nautoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                + bash);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
