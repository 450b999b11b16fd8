package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.walscope.core.profile.Plugin;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * Domains, arrays of domains and composites, enums and enum arrays come out with their base type's canonical
 * value on every plugin (pgoutput text and binary, test_decoding, wal2json 1 and 2, decoderbufs).
 */
class DomainsTest {
    @AfterEach
    void dropSlots() {
        Slots2.dropAll();
    }

    @Test
    void domainsCarryTheirBaseTypeOnEveryPlugin() throws Exception {
        PgTestBed.requirePlugins();
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "domains");
        s.sql(db, "CREATE DOMAIN posint AS int CHECK (VALUE > 0)", "CREATE DOMAIN money2 AS numeric(10,2)",
                "CREATE DOMAIN stamp AS timestamptz", "CREATE TYPE pair AS (a int, b text)",
                "CREATE TYPE mood AS ENUM ('sad', 'happy')", "CREATE DOMAIN posints AS posint[]",
                "CREATE TABLE d (id int PRIMARY KEY, a posint, b posint[], c money2, e stamp, f pair[], g mood[],"
                        + " h posints, i mood)",
                "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        List<String> plugins = List.of("pgoutput", "binary", "test_decoding", "wal2json", "wal2json1", "decoderbufs");
        for (String p : plugins) {
            ChangeStreamTest.slot(s, db, "d_" + p, Plugin.parse(p.equals("binary") ? "pgoutput"
                    : p.replace("1", "")));
        }
        s.sql(db, "INSERT INTO d VALUES (1, 5, '{1,2}', 12.5, '2026-01-02 03:04:05+00', ARRAY[ROW(1,'x')::pair],"
                + " '{sad,happy}', '{3}', 'happy')");
        long until = ChangeStreamTest.currentLsn(s, db);
        String expected = "insert d {id=1, a=5, b=[1,2], c=\"12.50\", e=\"2026-01-02T03:04:05.000000Z\", f=[\"(1,x)\"],"
                + " g=[\"sad\",\"happy\"], h=[3], i=\"happy\"}";
        for (String p : plugins) {
            StreamOptions o = new StreamOptions().plugin(Plugin.parse(p.equals("binary") ? "pgoutput"
                    : p.replace("1", ""))).slot("d_" + p).untilLsn(until);
            if (p.equals("binary")) {
                o.binary(true);
            } else if (p.equals("pgoutput")) {
                o.binary(false);
            } else if (p.equals("wal2json1")) {
                o.wal2jsonFormat(1);
            }
            Collect c = ChangeStreamTest.stream(s, db, o);
            assertEquals(List.of(expected), c.rows(), p);
        }
    }
}
