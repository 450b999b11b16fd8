package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.Op;
import io.walscope.testbed.Await;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/** Every plugin on Debian's PostgreSQL 15, and what goes wrong: faults, missing pieces, slots in use. */
class PluginsAndFaultsTest {
    @AfterEach
    void dropSlots() {
        Slots2.dropAll();
    }

    static final String FIXTURE = "CREATE TABLE fx (id int PRIMARY KEY, i2 smallint, i8 bigint, n numeric,"
            + " n2 numeric(12,3), r real, d double precision, t text, vc varchar(10), c char(3), b boolean, by bytea,"
            + " dt date, tm time, ts timestamp, tz timestamptz, u uuid, j json, jb jsonb, ia int[], ta text[],"
            + " ip inet, bits varbit, m money)";
    static final String ROW = "INSERT INTO fx VALUES (1, -2, 9007199254740993, 'NaN', 123.456, 1.5, 0.1,"
            + " 'it''s \"q\"', 'vc', 'ab', true, '\\x00ff', '2026-01-02', '12:34:56.789', '2026-01-02 03:04:05.123456',"
            + " '2026-01-02 03:04:05.123456+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, 2]}', '{\"b\": 1}',"
            + " '{1,NULL,3}', '{\"x y\",z}', '10.0.0.1/8', B'0101', 12.34), (2, NULL, NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)";

    @Test
    void everyPluginYieldsTheSameCanonicalValues() throws Exception {
        PgTestBed.requirePlugins();
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "conformance");
        s.sql(db, FIXTURE, "ALTER TABLE fx REPLICA IDENTITY FULL", "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        for (String p : List.of("pgoutput", "test_decoding", "wal2json", "decoderbufs")) {
            s.sql(db, "SELECT pg_create_logical_replication_slot('c_" + p + "', '" + p + "')");
        }
        s.sql(db, "SELECT pg_create_logical_replication_slot('c_binary', 'pgoutput')");
        s.sql(db, ROW, "UPDATE fx SET t = 'changed', n = 1.5 WHERE id = 1", "DELETE FROM fx WHERE id = 2");
        long until = ChangeStreamTest.currentLsn(s, db);
        Collect reference = ChangeStreamTest.stream(s, db,
                new StreamOptions().plugin(Plugin.PGOUTPUT).slot("c_pgoutput").untilLsn(until));
        assertEquals(4, reference.size(), String.join("\n", reference.json));
        assertTrue(reference.json.get(0).contains("\"after\":{\"id\":1,\"i2\":-2,\"i8\":9007199254740993,\"n\":\"NaN\","
                + "\"n2\":\"123.456\",\"r\":1.5,\"d\":0.1,\"t\":\"it's \\\"q\\\"\",\"vc\":\"vc\",\"c\":\"ab \",\"b\":true,"
                + "\"by\":\"AP8=\",\"dt\":\"2026-01-02\",\"tm\":\"12:34:56.789000\",\"ts\":\"2026-01-02T03:04:05.123456\","
                + "\"tz\":\"2026-01-02T01:04:05.123456Z\",\"u\":\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\","
                + "\"j\":{\"a\": [1, 2]},\"jb\":{\"b\": 1},\"ia\":[1,null,3],\"ta\":[\"x y\",\"z\"],\"ip\":\"10.0.0.1/8\","
                + "\"bits\":\"0101\",\"m\":\"12.34\"}"), reference.json.get(0));
        List<String> expected = reference.rows();
        List<String> before = befores(reference);
        for (String p : List.of("test_decoding", "wal2json", "decoderbufs")) {
            Collect c = ChangeStreamTest.stream(s, db,
                    new StreamOptions().plugin(Plugin.parse(p)).slot("c_" + p).untilLsn(until));
            // wal2json 2.5 prints a numeric NaN as null
            assertEquals(p.equals("wal2json") ? nanAsNull(expected) : expected, c.rows(), p);
            // test_decoding leaves NULL columns out of old rows; decoderbufs cannot tell an old row whose columns
            // are all NULL but the key from REPLICA IDENTITY DEFAULT's key-only row, and shows the key
            assertEquals(p.equals("test_decoding") || p.equals("decoderbufs") ? withoutNulls(before) : p.equals("wal2json") ? nanAsNull(before) : before,
                    befores(c),
                    p + " before-images (REPLICA IDENTITY FULL)");
        }
        Collect binary = ChangeStreamTest.stream(s, db,
                new StreamOptions().plugin(Plugin.PGOUTPUT).slot("c_binary").binary(true).untilLsn(until));
        assertEquals(expected, binary.rows(), "pgoutput binary");
        Collect v1 = ChangeStreamTest.stream(s, db, new StreamOptions().plugin(Plugin.WAL2JSON).slot("c_wal2json")
                .peek(true).wal2jsonFormat(1).untilLsn(until));
        assertEquals(List.of(), v1.rows(), "the wal2json slot was consumed above: peek finds nothing");
    }

    private static List<String> nanAsNull(List<String> rows) {
        return rows.stream().map(r -> r.replace("n=\"NaN\"", "n=null")).toList();
    }

    private static List<String> withoutNulls(List<String> rows) {
        return rows.stream().map(r -> r.replaceAll(", [a-z0-9]+=null", "")).toList();
    }

    private static List<String> befores(Collect c) {
        return c.events.stream().filter(e -> e.before() != null)
                .map(e -> io.walscope.core.stream.RenderedTuple.of(e.before()).toString()).toList();
    }

    @Test
    void reconnectsAfterTheWalsenderIsTerminatedAndDeliversEachChangeOnce() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "faults");
        s.sql(db, "CREATE TABLE f (id int PRIMARY KEY)", "CREATE PUBLICATION dbz_publication FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('survivor', 'pgoutput')");
        for (int tx = 0; tx < 10; tx++) {
            StringBuilder b = new StringBuilder("INSERT INTO f SELECT g FROM generate_series(" + (tx * 100 + 1) + ", "
                    + (tx * 100 + 100) + ") g");
            s.sql(db, b.toString());
        }
        long until = ChangeStreamTest.currentLsn(s, db);
        Collect c = new Collect();
        AtomicBoolean killed = new AtomicBoolean();
        c.hook = e -> {
            if (c.size() == 250 && killed.compareAndSet(false, true)) {
                s.sql(db, "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = 'survivor'");
            }
        };
        StreamResult r = new ChangeStream(s.profile(db), s.superuserSecrets(),
                new StreamOptions().plugin(Plugin.PGOUTPUT).slot("survivor").untilLsn(until)
                        .reconnectFor(Duration.ofSeconds(30))).run(c);
        assertTrue(killed.get());
        assertTrue(r.reconnects() >= 1, "reconnected: " + r);
        Set<Integer> ids = new HashSet<>();
        for (ChangeEvent e : c.events) {
            assertTrue(ids.add(Integer.parseInt(e.after().json(0))), "delivered twice: " + e);
        }
        assertEquals(1000, ids.size());
        assertEquals(10, c.commits.size());
    }

    @Test
    void aTemporarySlotCannotSurviveADroppedConnection() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "tempslot");
        s.sql(db, "CREATE TABLE f (id int PRIMARY KEY)", "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        AtomicReference<ChangeStream> cs = new AtomicReference<>();
        Collect c = new Collect();
        c.hook = e -> s.sql(db, "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '"
                + cs.get().slotName() + "'");
        cs.set(new ChangeStream(s.profile(db), s.superuserSecrets(), new StreamOptions().plugin(Plugin.PGOUTPUT)));
        Thread writer = new Thread(() -> {
            try {
                // a change made once the temporary slot streams reaches the hook, which drops the connection
                Await.until("the temporary slot to stream", Duration.ofSeconds(60),
                        () -> cs.get().slotName() != null && active(s, db, cs.get().slotName()));
                s.sql(db, "INSERT INTO f VALUES (1)");
            } catch (Exception e) {
                // the stream's assertion below reports what went wrong
            }
        });
        writer.start();
        WalscopeException e = assertThrows(WalscopeException.class, () -> cs.get().run(c));
        writer.interrupt();
        assertTrue(e.getMessage().contains("dropped and the temporary slot went with it")
                && e.getMessage().contains("--slot NAME --create-slot"), e.getMessage());
    }

    @Test
    void missingPiecesAreOneSentenceEach() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "missing");
        WalscopeException e = assertThrows(WalscopeException.class,
                () -> ChangeStreamTest.stream(s, db, new StreamOptions().plugin(Plugin.PGOUTPUT).maxEvents(1)));
        assertEquals("Publication \"dbz_publication\" does not exist: create it with CREATE PUBLICATION dbz_publication"
                + " FOR ALL TABLES (or FOR TABLE ...), or name another with --publication.", e.getMessage());
        e = assertThrows(WalscopeException.class, () -> ChangeStreamTest.stream(s, db,
                new StreamOptions().plugin(Plugin.TEST_DECODING).slot("nope").maxEvents(1)));
        assertTrue(e.getMessage().startsWith("Slot \"nope\" does not exist: add --create-slot"), e.getMessage());
        s.sql(db, "CREATE ROLE plain LOGIN PASSWORD 'pw'");
        e = assertThrows(WalscopeException.class, () -> new ChangeStream(s.profile(db).setUser("plain"),
                Secrets.of("pw", null), new StreamOptions().plugin(Plugin.TEST_DECODING).maxEvents(1)).run(new Collect()));
        assertEquals("Role \"plain\" lacks the REPLICATION privilege: run ALTER ROLE plain REPLICATION as a superuser,"
                + " or connect as a role that has it.", e.getMessage());
        // the zonky builds have no wal2json
        TestServer z = PgTestBed.server(PgTestBed.versions().stream().filter(v -> !v.equals("15") && !v.equals("9.6"))
                .findFirst().orElse("16"));
        String zdb = Slots2.track(z, "missing");
        e = assertThrows(WalscopeException.class, () -> ChangeStreamTest.stream(z, zdb,
                new StreamOptions().plugin(Plugin.WAL2JSON).maxEvents(1)));
        assertTrue(e.getMessage().startsWith("The wal2json plugin is not installed on 127.0.0.1:" + z.port()), e.getMessage());
    }

    @Test
    void aSlotInUseIsNamedWithItsProcess() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "inuse");
        s.sql(db, "SELECT pg_create_logical_replication_slot('busy', 'test_decoding')");
        ChangeStream first = new ChangeStream(s.profile(db), s.superuserSecrets(),
                new StreamOptions().plugin(Plugin.TEST_DECODING).slot("busy"));
        Thread t = new Thread(() -> {
            try {
                first.run(new Collect());
            } catch (WalscopeException e) {
                // cancelled below
            }
        });
        t.start();
        Await.until("slot busy to be in use", Duration.ofSeconds(30), () -> active(s, db, "busy"));
        WalscopeException e = assertThrows(WalscopeException.class, () -> ChangeStreamTest.stream(s, db,
                new StreamOptions().plugin(Plugin.TEST_DECODING).slot("busy").maxEvents(1)));
        assertTrue(e.getMessage().startsWith("Slot \"busy\" is in use by process "), e.getMessage());
        first.cancel();
        t.join(10_000);
    }

    @Test
    void snapshotThenStreamHasNoGapAndNoOverlapUnderConcurrentWrites() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "snap");
        s.sql(db, "CREATE TABLE sn (id int PRIMARY KEY)", "INSERT INTO sn SELECT generate_series(1, 3000)",
                "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        AtomicBoolean stop = new AtomicBoolean();
        int[] written = {3000};
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                s.sql(db, "INSERT INTO sn VALUES (" + (++written[0]) + ")");
            }
        });
        writer.start();
        Collect c = new Collect();
        ChangeStream cs = new ChangeStream(s.profile(db), s.superuserSecrets(),
                new StreamOptions().plugin(Plugin.PGOUTPUT).snapshot(true));
        c.hook = e -> {
            if (e.op() == Op.INSERT && !stop.get() && Integer.parseInt(e.after().json(0)) > 3300) {
                stop.set(true);
            }
        };
        Thread reader = new Thread(() -> {
            try {
                cs.run(c);
            } catch (WalscopeException e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        writer.join(120_000);
        int last = written[0];
        Await.until("the last row written (" + last + ") to be streamed", Duration.ofSeconds(60), () -> {
            synchronized (c) {
                return c.events.stream().anyMatch(e -> e.after() != null && e.after().json(0).equals(String.valueOf(last)));
            }
        });
        cs.cancel();
        reader.join(30_000);
        Set<Integer> ids = new HashSet<>();
        long reads = 0;
        for (ChangeEvent e : c.events) {
            reads += e.op() == Op.READ ? 1 : 0;
            assertTrue(ids.add(Integer.parseInt(e.after().json(0))), "twice: " + e);
        }
        assertTrue(reads >= 3000, "snapshot rows: " + reads);
        assertEquals(last, ids.size(), "every row once, as read or as insert");
    }

    /** True when the slot exists and a connection streams from it. */
    private static boolean active(TestServer s, String db, String slot) throws Exception {
        try (Connection c = s.connect(db); var ps = c.prepareStatement(
                "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
