package io.walscope.cli;

import java.util.List;

/** {@code walscope completion bash|zsh}: prints the shell completion script (no connection). */
final class CompletionCommand implements Command {
    @Override
    public String name() {
        return "completion";
    }

    @Override
    public String summary() {
        return "print the bash or zsh completion script: source <(walscope completion bash)";
    }

    @Override
    public String synopsis() {
        return "bash|zsh";
    }

    @Override
    public List<String> words() {
        return List.of("bash", "zsh");
    }

    @Override
    public boolean connects() {
        return false;
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        Args a = new Args(args);
        List<String> words = a.positional();
        a.done();
        if (words.size() != 1 || !words().contains(words.get(0))) {
            throw new UsageException("Say which shell: 'walscope completion bash' or 'walscope completion zsh'.");
        }
        var commands = Main.commands().values();
        cli.out().print(words.get(0).equals("bash") ? Completion.bash(commands) : Completion.zsh(commands));
        return OK;
    }
}
