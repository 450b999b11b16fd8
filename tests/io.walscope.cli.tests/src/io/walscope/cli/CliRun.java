package io.walscope.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.walscope.testbed.TestServer;

/** Runs a walscope command line in-process and keeps what it printed. */
public final class CliRun {
    public final int exit;
    public final String out;
    public final String err;

    private CliRun(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    public static CliRun run(Map<String, String> env, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = Main.run(List.of(args), po, pe, env);
        }
        return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** The libpq environment of the test server's superuser. */
    public static Map<String, String> env(TestServer s, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", String.valueOf(s.port()));
        env.put("PGDATABASE", database);
        env.put("PGUSER", s.cluster().superuser());
        env.put("PGPASSWORD", s.cluster().password());
        env.put("PGSSLMODE", "disable");
        return env;
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
}
