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

    /**
     * Runs the command. {@code args} holds what follows the command name, with connection options already
     * taken out (see {@link Cli#connection()}).
     *
     * @return the exit code
     */
    int run(Cli cli, List<String> args) throws Exception;
}
