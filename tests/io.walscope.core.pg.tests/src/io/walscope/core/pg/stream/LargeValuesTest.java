package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.RenderedTuple;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * Values as large as PostgreSQL stores pass every plugin (wal2json used to stop for good at a 1001-digit numeric
 * and a 20,000,000-character text): a 1001-digit numeric, a numeric of 131072 digits before the point and 16383
 * after, a text of 20,000,001 characters; both wal2json format versions and pgoutput agree.
 */
class LargeValuesTest {
    @AfterEach
    void dropSlots() {
        Slots2.dropAll();
    }

    @Test
    void largeNumericsAndTextsPassEveryPlugin() throws Exception {
        PgTestBed.requirePlugins();
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "large");
        s.sql(db, "CREATE TABLE n (id int PRIMARY KEY, v numeric)", "CREATE TABLE t (id int PRIMARY KEY, s text)",
                "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        for (String p : new String[] { "pgoutput", "test_decoding", "wal2json", "decoderbufs" }) {
            ChangeStreamTest.slot(s, db, "l_" + p, Plugin.parse(p));
        }
        ChangeStreamTest.slot(s, db, "l_wal2json1", Plugin.WAL2JSON);
        s.sql(db, "INSERT INTO n VALUES (1, repeat('9', 1001)::numeric),"
                + " (2, (repeat('9', 131072) || '.' || repeat('9', 16383))::numeric)",
                "INSERT INTO t VALUES (1, repeat('x', 20000001))");
        long until = ChangeStreamTest.currentLsn(s, db);
        String big = "9".repeat(131072) + "." + "9".repeat(16383);
        for (String p : new String[] { "pgoutput", "test_decoding", "wal2json", "wal2json1", "decoderbufs" }) {
            StreamOptions o = new StreamOptions().plugin(Plugin.parse(p.replace("1", ""))).slot("l_" + p)
                    .untilLsn(until);
            if (p.equals("wal2json1")) {
                o.wal2jsonFormat(1);
            }
            Collect c = ChangeStreamTest.stream(s, db, o);
            assertEquals(3, c.size(), p);
            assertEquals("\"" + "9".repeat(1001) + "\"", value(c.events.get(0), "v"), p);
            assertEquals("\"" + big + "\"", value(c.events.get(1), "v"), p);
            String text = value(c.events.get(2), "s");
            assertEquals(20_000_003, text.length(), p);
            assertTrue(text.startsWith("\"xxx") && text.endsWith("xx\""), p);
        }
    }

    private static String value(ChangeEvent e, String column) {
        RenderedTuple t = RenderedTuple.of(e.after());
        for (int i = 0; i < t.size(); i++) {
            if (t.name(i).equals(column)) {
                String j = t.json(i);
                return j.length() > 200 ? j : j;
            }
        }
        return null;
    }
}
