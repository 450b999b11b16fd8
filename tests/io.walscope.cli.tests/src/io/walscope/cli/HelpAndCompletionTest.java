package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code walscope --help}, {@code walscope COMMAND --help} / {@code -h}, {@code --version}, and the bash and zsh
 * completion scripts, run in the real shells.
 */
class HelpAndCompletionTest {
    /** Nothing listens on port 1: a command that gets past its parser fails to connect, fast. */
    private static final Map<String, String> NOWHERE = Map.of("PGHOST", "127.0.0.1", "PGPORT", "1", "PGUSER", "x",
            "PGSSLMODE", "disable");

    @TempDir
    Path dir;

    @Test
    void helpListsTheCommandsAndEachCommandItsOptions() {
        CliRun r = CliRun.run(NOWHERE, "--help");
        assertEquals(0, r.exit);
        for (Command c : Main.commands().values()) {
            assertTrue(r.out.contains("\n  " + String.format("%-12s", c.name()) + " " + c.summary()), c.name());
        }
        assertEquals(r.out, CliRun.run(NOWHERE, "-h").out);
        assertEquals(r.out, CliRun.run(NOWHERE, "help").out);
        assertEquals(2, CliRun.run(NOWHERE).exit, "no command: usage, exit 2 as before");

        for (Command c : Main.commands().values()) {
            for (String[] ask : List.of(new String[] {c.name(), "--help"}, new String[] {c.name(), "-h"},
                    new String[] {"help", c.name()})) {
                CliRun h = CliRun.run(NOWHERE, ask);
                assertEquals(0, h.exit, String.join(" ", ask) + "\n" + h);
                assertTrue(h.out.startsWith("Usage: walscope " + c.name() + " " + c.synopsis() + "\n" + c.summary()),
                        h.out);
                for (Opt o : c.options()) {
                    assertTrue(h.out.contains("\n  " + o.spelling()), c.name() + " " + o.name() + "\n" + h.out);
                }
                assertEquals(c.connects(), h.out.contains("--host H, -h H"), c.name());
                assertEquals("", h.err);
            }
        }
        CliRun tail = CliRun.run(NOWHERE, "tail", "--plugin", "pgoutput", "-h");
        assertTrue(tail.out.contains("--fsync-interval S"), tail.out);
        // -h followed by a value is still --host, as in psql
        CliRun host = CliRun.run(Map.of("PGSSLMODE", "disable", "PGUSER", "x"), "info", "-h", "127.0.0.1", "-p", "1");
        assertEquals(2, host.exit);
        assertTrue(host.err.startsWith("walscope info: ") && host.err.contains("127.0.0.1:1"), host.err);
    }

    @Test
    void versionAndUnknownCommands() {
        CliRun v = CliRun.run(NOWHERE, "--version");
        assertEquals(0, v.exit, v.toString());
        assertTrue(v.out.startsWith("Walscope 0."), v.out);
        assertTrue(v.out.contains("pgjdbc   PostgreSQL JDBC Driver 42.7."), v.out);
        assertEquals(v.out, CliRun.run(NOWHERE, "version").out);
        CliRun u = CliRun.run(NOWHERE, "frobnicate");
        assertEquals(2, u.exit);
        assertEquals("walscope: unknown command 'frobnicate'. Run 'walscope help' for the list.", u.err.strip());
    }

    /** Every option a command's table declares is one its parser takes (the reverse is the table's job). */
    @Test
    void everyDeclaredOptionIsAccepted() {
        for (Command c : Main.commands().values()) {
            for (Opt o : c.options()) {
                List<String> args = new ArrayList<>(List.of(c.name(), o.name()));
                if (o.name().startsWith("--poll-")) {
                    args.add("--poll"); // the polling options belong to tail --poll
                }
                if (o.arg() != null) {
                    args.add(o.values().isEmpty() ? "x" : o.values().get(0));
                }
                CliRun r = CliRun.run(NOWHERE, args.toArray(String[]::new));
                assertFalse(r.err.contains("Unknown option " + o.name()), String.join(" ", args) + "\n" + r);
                assertTrue(r.exit == 0 || r.exit == 1 || r.exit == 2, r.toString());
            }
        }
    }

    @Test
    void bashCompletesCommandsOptionsAndValues() throws Exception {
        Path script = dir.resolve("walscope.bash");
        Files.writeString(script, CliRun.run(NOWHERE, "completion", "bash").out);
        assertEquals("types tail", bash(script, "walscope t"));
        assertEquals("--plugin", bash(script, "walscope tail --pl"));
        assertEquals("pgoutput wal2json decoderbufs test_decoding", bash(script, "walscope tail --plugin "));
        assertEquals("debezium", bash(script, "walscope tail --format d"));
        assertEquals("verify-ca verify-full", bash(script, "walscope info --sslmode verify-"));
        assertEquals("drop", bash(script, "walscope slots dr"));
        assertEquals("bash", bash(script, "walscope completion b"));
        assertEquals("--fsync-interval", bash(script, "walscope tail --fs"));
        Files.writeString(dir.resolve("changes.jsonl"), "");
        assertEquals(dir.resolve("changes.jsonl").toString(), bash(script, "walscope tail --output " + dir + "/cha"));
        CliRun bad = CliRun.run(NOWHERE, "completion", "fish");
        assertEquals(2, bad.exit);
        assertEquals("walscope completion: Say which shell: 'walscope completion bash' or 'walscope completion zsh'.",
                bad.err.strip());
    }

    private static String bash(Path script, String line) throws Exception {
        String words = line.endsWith(" ") ? "COMP_WORDS=(" + line + " '')" : "COMP_WORDS=(" + line + ")";
        return shell(List.of("bash", "--norc", "-c", "source '" + script + "'; " + words
                + "; COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _walscope; echo \"${COMPREPLY[*]}\""));
    }

    @Test
    void zshParsesTheScriptAndHandsItsSpecsToArguments() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/zsh")), "zsh is missing: run 'apt-get install -y zsh'"
                + " (releng/test installs it when run as root)");
        Path script = dir.resolve("_walscope");
        Files.writeString(script, CliRun.run(NOWHERE, "completion", "zsh").out);
        assertEquals("", shell(List.of("zsh", "-n", script.toString())), "zsh -n: the script parses");
        // zsh's own completion functions need a terminal; stand in for them and see what the script hands over
        String stubs = "compdef() { print -r -- \"compdef $*\" }; _arguments() { print -rl -- \"$@\" }; "
                + "_describe() { print -rl -- \"describe $2\" }; compadd() { print -rl -- \"compadd $*\" }; ";
        String registered = shell(List.of("zsh", "-f", "-c", stubs + "source '" + script + "'"));
        assertEquals("compdef _walscope walscope", registered);
        String top = shell(List.of("zsh", "-f", "-c", stubs + "source '" + script + "'; words=(walscope t); CURRENT=2;"
                + " _walscope"));
        assertEquals("compdef _walscope walscope\ndescribe commands\ncompadd -- --help --version", top);
        String tail = shell(List.of("zsh", "-f", "-c", stubs + "source '" + script + "'; words=(walscope tail --pl);"
                + " CURRENT=3; _walscope"));
        assertTrue(tail.startsWith("compdef _walscope walscope\n-s\n"), tail);
        assertTrue(tail.contains("\n*--plugin[the decoding plugin (default the profiles)]:p:(pgoutput wal2json"
                + " decoderbufs test_decoding)\n"), tail);
        assertTrue(tail.contains("\n*--output[") && tail.contains("]:file:_files\n"), tail);
        String slots = shell(List.of("zsh", "-f", "-c", stubs + "source '" + script + "'; words=(walscope slots d);"
                + " CURRENT=3; _walscope"));
        assertTrue(slots.endsWith("\n1:word:(drop)"), slots);
    }

    private static String shell(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), cmd + "\n" + out);
        return out.strip();
    }
}
