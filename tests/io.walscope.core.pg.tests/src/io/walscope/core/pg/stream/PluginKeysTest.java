package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.RenderedTuple;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * Keys from the plugin's own data, not today's catalog: a table dropped before the tail still has its key from
 * pgoutput (Relation message flags) and wal2json ({@code include-pk}); test_decoding and decoderbufs tell no key,
 * so theirs comes from the catalog and is null for a table that is gone (a documented limit).
 */
class PluginKeysTest {
    @AfterEach
    void dropSlots() {
        Slots2.dropAll();
    }

    @Test
    void keysOfADroppedTableComeFromThePlugin() throws Exception {
        PgTestBed.requirePlugins();
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "pluginkeys");
        s.sql(db, "CREATE TABLE gone (id int PRIMARY KEY, v text)", "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        List<String> plugins = List.of("pgoutput", "wal2json", "test_decoding", "decoderbufs");
        for (String p : plugins) {
            ChangeStreamTest.slot(s, db, "k_" + p, Plugin.parse(p));
        }
        s.sql(db, "INSERT INTO gone VALUES (1, 'a')", "UPDATE gone SET v = 'b'", "DELETE FROM gone", "DROP TABLE gone");
        long until = ChangeStreamTest.currentLsn(s, db);
        for (String p : plugins) {
            Collect c = ChangeStreamTest.stream(s, db,
                    new StreamOptions().plugin(Plugin.parse(p)).slot("k_" + p).untilLsn(until));
            boolean told = p.equals("pgoutput") || p.equals("wal2json");
            List<String> keys = c.events.stream().map(PluginKeysTest::key).toList();
            assertEquals(told ? List.of("{id=1}", "{id=1}", "{id=1}") : List.of("null", "null", "null"), keys, p);
        }
    }

    @Test
    void aMissingKeyIsAskedForAgain() throws Exception {
        TestServer s = PgTestBed.server(PgTestBed.versions().get(PgTestBed.versions().size() - 1));
        String db = Slots2.track(s, "keyretry");
        try (java.sql.Connection c = s.connect(db)) {
            KeyResolver r = new KeyResolver(c);
            org.junit.jupiter.api.Assertions.assertNull(r.keyColumns("public", "later"), "no such table yet");
            s.sql(db, "CREATE TABLE later (a int, b int, PRIMARY KEY (b, a))");
            io.walscope.testbed.Await.until("the key of a table created after the first question",
                    java.time.Duration.ofSeconds(30), () -> r.keyColumns("public", "later") != null);
            assertEquals(List.of("b", "a"), r.keyColumns("public", "later"));
        }
    }

    private static String key(ChangeEvent e) {
        return e.key() == null ? "null" : RenderedTuple.of(e.key()).toString();
    }
}
