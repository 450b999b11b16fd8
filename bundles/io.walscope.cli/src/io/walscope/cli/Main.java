package io.walscope.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.walscope.core.WalscopeException;

/** Dispatches a command line to its {@link Command}; turns every failure into one line and an exit code. */
public final class Main {
    private Main() {
    }

    /** All commands, in the order {@code walscope help} lists them. */
    static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : List.<Command>of(new VersionCommand(), new InfoCommand(), new DemoServerCommand(),
                new ProfilesCommand(),
                new CheckCommand(),
                new ApplyCommand(),
                new SlotsCommand(),
                new ScriptCommand(),
                new TypesCommand(),
                new VerifyCommand())) {
            m.put(c.name(), c);
        }
        m.put("tail", new TailCommand());
        m.put("completion", new CompletionCommand());
        return m;
    }

    /**
     * Runs a command line on the process's own stdout and stderr, flushed when the command ends. stdout is buffered
     * (commands that stream flush at their own boundaries): a line-flushed stream costs one write per line of a
     * 25,000-line report. An exception out of the command (the plain start's hand-over) leaves stdout unflushed.
     */
    static int runOnStdio(List<String> argv) {
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(argv, out, err, System.getenv());
        out.flush();
        err.flush();
        return code;
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err, Map<String, String> env) {
        List<String> args = new ArrayList<>(argv);
        boolean verbose = args.contains("--verbose") || args.contains("-v");
        Map<String, Command> commands = commands();
        if (args.isEmpty() || List.of("help", "--help", "-h", "-?").contains(args.get(0))) {
            Command about = args.size() == 2 ? commands.get(args.get(1)) : null;
            if (about != null) {
                Help.command(out, about);
            } else {
                usage(out);
            }
            return args.isEmpty() ? Command.USAGE : Command.OK;
        }
        if (args.get(0).equals("--version") || args.get(0).equals("-V")) {
            args.set(0, "version");
        }
        Command cmd = commands.get(args.get(0));
        if (cmd == null) {
            err.println("walscope: unknown command '" + args.get(0) + "'. Run 'walscope help' for the list.");
            return Command.USAGE;
        }
        args.remove(0);
        if (Help.asked(args)) {
            Help.command(out, cmd);
            return Command.OK;
        }
        args.remove("--verbose");
        args.remove("-v");
        try (Cli cli = new Cli(out, err, env)) {
            cli.takeConnectionOptions(args);
            return cmd.run(cli, args);
        } catch (UsageException e) {
            err.println("walscope " + cmd.name() + ": " + e.getMessage());
            return Command.USAGE;
        } catch (WalscopeException e) {
            err.println("walscope " + cmd.name() + ": " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return Command.USAGE;
        } catch (PlainStart.NeedsPlatform e) {
            throw e; // the plain start hands the command line to the OSGi runtime
        } catch (Exception | LinkageError e) {
            err.println("walscope " + cmd.name() + ": unexpected failure: " + e
                    + (verbose ? "" : " (run again with --verbose for details)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return Command.USAGE;
        }
    }

    static void usage(PrintStream out) {
        Help.main(out, commands().values());
    }
}
