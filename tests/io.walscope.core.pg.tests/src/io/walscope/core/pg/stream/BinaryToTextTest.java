package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.profile.Plugin;
import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * pgoutput's binary mode (PG 14+) decided per relation: a stream that starts in binary mode and then meets a column
 * whose type has no binary converter (an enum added after the start, money, a composite, tsvector, cidr, box, a
 * type dropped before the tail) asks for text from the last whole transaction on a new connection, so the
 * values come out as their text, never as the raw bytes of another type; protocol versions 1 and 2.
 */
class BinaryToTextTest {
    static Stream<String> versions() {
        return PgTestBed.majorsFrom(14);
    }

    @AfterEach
    void dropSlots() {
        Slots2.dropAll();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void typesThatAppearLaterComeOutAsText(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        for (boolean streaming : new boolean[] { false, true }) {
            String db = Slots2.track(s, "bin2text");
            s.sql(db, "CREATE TYPE mood AS ENUM ('sad', 'happy')", "CREATE TYPE pair AS (a int, b text)",
                    "CREATE DOMAIN posint AS int", "CREATE TABLE keep (id int PRIMARY KEY, n int)",
                    "CREATE TABLE gone (id int PRIMARY KEY)", "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
            Collect c = tail(s, db, streaming, List.of(
                    "INSERT INTO keep VALUES (0, 0)",
                    "BEGIN; INSERT INTO keep VALUES (1, 1); ALTER TABLE keep ADD COLUMN m mood, ADD COLUMN p pair,"
                            + " ADD COLUMN cash money, ADD COLUMN tv tsvector, ADD COLUMN net cidr, ADD COLUMN bx box,"
                            + " ADD COLUMN d posint, ADD COLUMN da posint[];"
                            + " INSERT INTO keep VALUES (2, 2, 'sad', '(1,x)', 12.5, 'a:1 b:2', '10.0.0.0/8',"
                            + " '((1,2),(3,4))', 5, '{1,2}'); COMMIT",
                    "CREATE TYPE temp_t AS ENUM ('x'); CREATE TABLE tmp (id int PRIMARY KEY, t temp_t);"
                            + " INSERT INTO tmp VALUES (1, 'x'); DROP TABLE tmp; DROP TYPE temp_t",
                    "INSERT INTO keep (id, n, m) VALUES (3, 3, 'happy')"), 5);
            List<String> json = c.json;
            for (String j : json) {
                assertFalse(j.contains("\\\\x"), "no value as raw bytes: " + j);
            }
            List<String> rows = c.rows();
            assertEquals(5, rows.size(), String.join("\n", json));
            assertEquals("{id=0, n=0}", rows.get(0).replace("insert keep ", ""), "binary before the switch");
            assertEquals("{id=1, n=1}", rows.get(1).replace("insert keep ", ""), "delivered once across the switch");
            assertEquals("{id=2, n=2, m=\"sad\", p=\"(1,x)\", cash=\"12.50\", tv=\"'a':1 'b':2\", net=\"10.0.0.0/8\","
                    + " bx=\"POLYGON((1 2,3 2,3 4,1 4,1 2))\", d=5, da=[1,2]}", rows.get(2).replace("insert keep ", ""));
            assertEquals("insert tmp {id=1, t=\"x\"}", rows.get(3), "a type dropped before the tail");
            assertEquals("{id=3, n=3, m=\"happy\", p=null, cash=null, tv=null, net=null, bx=null, d=null, da=null}",
                    rows.get(4).replace("insert keep ", ""));
        }
    }

    /** Starts a tail of a named slot in binary mode, runs {@code statements} once it streams, collects {@code n}. */
    private static Collect tail(TestServer s, String db, boolean streaming, List<String> statements, int n)
            throws Exception {
        Collect c = new Collect();
        String slot = streaming ? "b2t_streaming" : "b2t";
        ChangeStreamTest.slot(s, db, slot, Plugin.PGOUTPUT);
        ChangeStream cs = new ChangeStream(s.profile(db), s.superuserSecrets(),
                new StreamOptions().plugin(Plugin.PGOUTPUT).slot(slot).binary(true).streaming(streaming));
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                cs.run(c);
            } catch (Exception e) {
                failed.set(e);
            }
        });
        reader.start();
        Await.until("the slot to stream", Duration.ofSeconds(60),
                () -> failed.get() != null || cs.slotName() != null && active(s, db, cs.slotName()));
        for (String st : statements) {
            s.sql(db, st);
        }
        try {
            Await.until(n + " changes", Duration.ofSeconds(60), () -> failed.get() != null || c.size() >= n);
        } catch (AssertionError e) {
            // reported below with what did arrive
        } finally {
            cs.cancel();
            reader.join(30_000);
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        if (c.size() < n) {
            throw new AssertionError("reader " + (reader.isAlive() ? "still running" : "ended") + ", got " + c.size() + " of " + n + " changes:\n" + String.join("\n", c.json));
        }
        reader.join(30_000);
        if (failed.get() != null) {
            throw failed.get();
        }
        return c;
    }

    static boolean active(TestServer s, String db, String slot) throws Exception {
        try (var conn = s.connect(db); Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot
                        + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
