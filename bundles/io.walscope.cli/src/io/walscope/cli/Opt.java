package io.walscope.cli;

import java.util.List;

/**
 * One option of a command as {@code --help} and shell completion show it. The command still reads its options
 * with {@link Args}; this table only describes them (keep both in step when adding a flag).
 *
 * @param name the long name, {@code --plugin}
 * @param alias a short or second name ({@code -h}), or null
 * @param arg the value's placeholder ({@code NAME}), or null for a flag
 * @param help one line
 * @param values the values completion offers (empty: any)
 * @param kind what completion offers for the value
 */
public record Opt(String name, String alias, String arg, String help, List<String> values, Kind kind) {
    /** What a value is, for completion. */
    public enum Kind {
        /** No value. */
        FLAG,
        /** A word: one of {@link Opt#values()} when given. */
        WORD,
        /** A file name. */
        FILE,
        /** A directory name. */
        DIR
    }

    /** A flag. */
    static Opt flag(String name, String help) {
        return new Opt(name, null, null, help, List.of(), Kind.FLAG);
    }

    /** An option with a value, optionally one of {@code values}. */
    static Opt value(String name, String arg, String help, String... values) {
        return new Opt(name, null, arg, help, List.of(values), Kind.WORD);
    }

    /** An option naming a file. */
    static Opt file(String name, String arg, String help) {
        return new Opt(name, null, arg, help, List.of(), Kind.FILE);
    }

    /** An option naming a directory. */
    static Opt dir(String name, String arg, String help) {
        return new Opt(name, null, arg, help, List.of(), Kind.DIR);
    }

    /** The same option with a second name. */
    Opt alias(String a) {
        return new Opt(name, a, arg, help, values, kind);
    }

    /** {@code --plugin P} / {@code --host H, -h H}. */
    String spelling() {
        String one = arg == null ? name : name + " " + arg;
        return alias == null ? one : one + ", " + (arg == null ? alias : alias + " " + arg);
    }

    /** The options every command that connects takes (read by {@code ConnectionOptions}). */
    static final List<Opt> CONNECTION = List.of(
            value("--host", "H", "server host name or address (PGHOST)").alias("-h"),
            value("--port", "P", "server port (PGPORT)").alias("-p"),
            value("--dbname", "D", "database (PGDATABASE)").alias("-d"),
            value("--user", "U", "login role (PGUSER); --username too").alias("-U"),
            value("--target-session-attrs", "A", "with several hosts: which to take (PGTARGETSESSIONATTRS)", "any",
                    "primary", "standby", "prefer-standby", "read-write", "read-only"),
            value("--url", "URL", "a postgresql:// URL (also accepted as a plain word)"),
            value("--profile", "NAME", "a saved connection profile ('walscope profiles')"),
            flag("--demo", "the built-in demo database (started for the command when not running)"),
            value("--sslmode", "M", "SSL mode (PGSSLMODE)", "disable", "allow", "prefer", "require", "verify-ca",
                    "verify-full"),
            file("--sslrootcert", "F", "CA certificate; a CA without a mode means verify-full"),
            file("--sslcert", "F", "client certificate"),
            file("--sslkey", "F", "client key (PEM, DER, PKCS#1/#8, encrypted, PKCS#12)"),
            value("--sslpassword-env", "VAR", "the environment variable that holds the client key's password"),
            flag("--verbose", "on failure, the stack trace too").alias("-v"));
}
