package io.walscope.core.pg.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.check.Progress;
import io.walscope.core.profile.Plugin;
import io.walscope.core.setup.VerifyResult;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * {@link VerifyOperation} on every version of the test bed with every plugin the server has: the insert, update and
 * delete come back as written (before-images included: the test table is REPLICA IDENTITY FULL), and nothing is
 * left on the server.
 */
class VerifyOperationTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void everyPluginTheServerHasSendsTheChangesBack(String major) {
        TestServer s = PgTestBed.server(major);
        String db = s.createDatabase("verify");
        List<Plugin> plugins = new ArrayList<>(List.of(Plugin.TEST_DECODING));
        if (!major.equals("9.6")) {
            plugins.add(Plugin.PGOUTPUT);
        }
        if (major.equals(PgTestBed.PLUGINS_VERSION)) {
            plugins.add(Plugin.WAL2JSON);
            plugins.add(Plugin.DECODERBUFS);
        }
        for (Plugin p : plugins) {
            List<String> steps = new ArrayList<>();
            VerifyResult r;
            try {
                r = new VerifyOperation(s.profile(db), s.superuserSecrets(), p, "public").run(new Progress() {
                    @Override
                    public void subTask(String name) {
                        steps.add(name);
                    }
                });
            } catch (Exception e) {
                throw new AssertionError(p.id() + ": " + e.getMessage(), e);
            }
            assertTrue(r.ok(), p.id() + " on " + major + ": " + r.reason() + "\n" + r.changes() + "\n" + r.verdict());
            assertNull(r.reason());
            assertEquals(3, r.changes().size(), r.changes().toString());
            assertEquals(List.of("insert uid=1: as written", "update uid=1: as written", "delete uid=1: as written"),
                    r.verdict());
            assertTrue(r.changes().get(1).contains("\"op\":\"update\""), r.changes().get(1));
            assertTrue(r.changes().get(1).contains("\"name\":\"Jack O'Neil\""), r.changes().get(1));
            assertTrue(r.clean(), r.leftovers().toString());
            assertTrue(r.cleanup().stream().anyMatch(c -> c.startsWith("dropped table public.walscope_verify_")),
                    r.cleanup().toString());
            assertTrue(r.cleanup().stream().anyMatch(c -> c.startsWith("slot ") || c.startsWith("dropped slot ")),
                    r.cleanup().toString());
            assertEquals(p == Plugin.PGOUTPUT, r.publication() != null);
            assertTrue(steps.stream().anyMatch(x -> x.startsWith("reading the changes back through " + p.id())), steps.toString());
            assertEquals(List.of(), Leftovers.of(s, db), p.id());
        }
    }
}
