package io.walscope.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code walscope --help} and {@code walscope COMMAND --help}, from the commands' option tables. */
final class Help {
    private Help() {
    }

    /** True when {@code args} (after the command name) ask for help: {@code --help}, or {@code -h} with no value. */
    static boolean asked(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-?")) {
                return true;
            }
            // -h is also --host: it means help only where no host name follows
            if (a.equals("-h") && (i == args.size() - 1 || args.get(i + 1).startsWith("-"))) {
                return true;
            }
        }
        return false;
    }

    static void main(PrintStream out, Iterable<Command> commands) {
        out.println("Usage: walscope COMMAND [connection] [options]");
        out.println("       walscope COMMAND --help     the command's options");
        out.println("       walscope --version | completion bash|zsh");
        out.println();
        out.println("Commands:");
        for (Command c : commands) {
            out.printf("  %-12s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("Connection: --host H --port P --dbname D --user U | postgresql://... | --profile NAME | --demo");
        out.println("            (libpq variables PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD PGSSLMODE ... apply too)");
        out.println("            --sslmode M --sslrootcert F --sslcert F --sslkey F --sslpassword-env VAR");
        out.println("Exit codes: 0 ok, 1 findings or failure of the thing checked, 2 usage or connection error.");
    }

    static void command(PrintStream out, Command c) {
        out.println("Usage: walscope " + c.name() + " " + c.synopsis());
        out.println(c.summary());
        List<Opt> own = c.options();
        if (!own.isEmpty()) {
            out.println();
            out.println("Options:");
            table(out, own);
        }
        if (c.connects()) {
            out.println();
            out.println("Connection (flags win over a URL, a URL over a profile, a profile over PG* variables):");
            table(out, Opt.CONNECTION);
        }
        out.println();
        out.println("  --help, -h             this help");
        out.println();
        out.println("Exit codes: 0 ok, 1 findings or failure of the thing checked, 2 usage or connection error.");
    }

    private static void table(PrintStream out, List<Opt> opts) {
        for (Opt o : opts) {
            String s = o.spelling();
            String help = o.values().isEmpty() || o.help().contains(o.values().get(0)) ? o.help()
                    : o.help() + ": " + String.join(", ", o.values());
            if (s.length() <= 22) {
                out.printf("  %-22s %s%n", s, help);
            } else {
                out.printf("  %s%n  %-22s %s%n", s, "", help);
            }
        }
    }
}
