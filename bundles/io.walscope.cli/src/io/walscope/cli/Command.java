package io.walscope.cli;

import java.util.List;

/** One headless command ({@code walscope NAME ...}). */
public interface Command {
    /** Exit code: everything fine. */
    int OK = 0;
    /** Exit code: findings, or the thing checked failed. */
    int FINDINGS = 1;
    /** Exit code: usage or connection error. */
    int USAGE = 2;

    String name();

    /** One line for {@code walscope help}. */
    String summary();

    /** What follows {@code walscope NAME} in its usage line ({@code walscope NAME --help}). */
    default String synopsis() {
        return connects() ? "[connection] [options]" : "[options]";
    }

    /**
     * The command's own options, for {@code --help} and shell completion (the parser stays in {@link #run}: a flag
     * added there belongs in this table too). The connection options are added when {@link #connects()}.
     */
    default List<Opt> options() {
        return List.of();
    }

    /** Words that may follow the command ({@code drop}, {@code user}), for completion. */
    default List<String> words() {
        return List.of();
    }

    /** Whether the command takes the connection options. */
    default boolean connects() {
        return true;
    }

    /**
     * Runs the command. {@code args} holds what follows the command name, with connection options already
     * taken out (see {@link Cli#connection()}).
     *
     * @return the exit code
     */
    int run(Cli cli, List<String> args) throws Exception;
}
