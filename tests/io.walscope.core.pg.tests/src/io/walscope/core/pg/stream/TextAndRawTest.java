package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.Tuple;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * On Debian's PostgreSQL 15: {@link Tuple#text(int)} equals the server's text output of each value for the text plugins, and
 * {@link ChangeListener#raw} sees each message exactly as the plugin sent it, before it is decoded.
 */
class TextAndRawTest {
    @AfterEach
    void dropSlots() {
        Slots2.dropAll();
    }

    /** Keeps each insert's after image as texts, and the raw messages with whether each came before its change. */
    static final class Texts implements ChangeListener {
        final boolean wantsRaw;
        final List<Map<String, String>> rows = new ArrayList<>();
        final List<byte[]> raw = new ArrayList<>();
        int rawBeforeChange;
        boolean readOnly = true;
        private int rawSinceChange;

        Texts(boolean wantsRaw) {
            this.wantsRaw = wantsRaw;
        }

        @Override
        public boolean wantsRaw() {
            return wantsRaw;
        }

        @Override
        public void raw(long lsn, ByteBuffer msg) {
            readOnly &= msg.isReadOnly();
            byte[] b = new byte[msg.remaining()];
            msg.get(b);
            raw.add(b);
            rawSinceChange++;
        }

        @Override
        public void change(ChangeEvent e) {
            if (rawSinceChange > 0) {
                rawBeforeChange++;
            }
            rawSinceChange = 0;
            if (e.op() == Op.INSERT) {
                Map<String, String> m = new LinkedHashMap<>();
                Tuple t = e.after();
                for (int i = 0; i < t.size(); i++) {
                    m.put(t.name(i), t.text(i));
                }
                rows.add(m);
            }
        }

        List<String> rawText() {
            return raw.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        }
    }

    /**
     * Each fixture row's values through their type's output function, by column name: {@code concat(col)}, since
     * {@code col::text} differs from the output for boolean ({@code true}, not {@code t}) and char(n) (trimmed).
     */
    private static List<Map<String, String>> selectText(TestServer s, String db, Iterable<String> columns)
            throws Exception {
        StringBuilder q = new StringBuilder("SELECT ");
        List<String> names = new ArrayList<>();
        for (String c : columns) {
            q.append(names.isEmpty() ? "" : ", ").append("CASE WHEN \"").append(c).append("\" IS NOT NULL THEN concat(\"")
                    .append(c).append("\") END");
            names.add(c);
        }
        List<Map<String, String>> out = new ArrayList<>();
        try (Connection c = s.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(q.append(" FROM fx ORDER BY id").toString())) {
            while (rs.next()) {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    m.put(names.get(i), rs.getString(i + 1));
                }
                out.add(m);
            }
        }
        return out;
    }

    private static Texts stream(TestServer s, String db, StreamOptions o, boolean raw) throws Exception {
        Texts t = new Texts(raw);
        new ChangeStream(s.profile(db), s.superuserSecrets(), o).run(t);
        return t;
    }

    @Test
    void textPluginsGiveTheValuesTextAndRawMessagesComeFirst() throws Exception {
        PgTestBed.requirePlugins();
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "texts");
        s.sql(db, PluginsAndFaultsTest.FIXTURE, "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        for (String slot : List.of("pgoutput", "test_decoding", "wal2json", "wal2json1", "peek")) {
            s.sql(db, "SELECT pg_create_logical_replication_slot('x_" + slot + "', '"
                    + (slot.startsWith("wal2json") ? "wal2json" : slot.equals("peek") ? "test_decoding" : slot) + "')");
        }
        s.sql(db, PluginsAndFaultsTest.ROW);
        long until = ChangeStreamTest.currentLsn(s, db);

        Texts po = stream(s, db, new StreamOptions().plugin(Plugin.PGOUTPUT).slot("x_pgoutput").binary(false)
                .untilLsn(until), true);
        assertEquals(2, po.rows.size());
        List<Map<String, String>> expected = selectText(s, db, po.rows.get(0).keySet());
        assertEquals(expected, po.rows, "pgoutput (text)");
        // Begin, Relation, Insert, Insert, Commit: each exactly as sent, each before what it yields
        assertEquals("BRIIC", po.raw.stream().map(b -> String.valueOf((char) b[0])).reduce("", String::concat));
        assertEquals(2, po.rawBeforeChange);
        assertTrue(po.readOnly, "raw messages are read-only views");

        Texts td = stream(s, db, new StreamOptions().plugin(Plugin.TEST_DECODING).slot("x_test_decoding")
                .untilLsn(until), true);
        assertEquals(expected, td.rows, "test_decoding");
        List<String> lines = td.rawText();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("BEGIN ") && lines.get(3).startsWith("COMMIT "), lines.toString());
        assertTrue(lines.get(1).startsWith("table public.fx: INSERT: id[integer]:1 i2[smallint]:-2 "), lines.get(1));

        // wal2json 2.5 prints a numeric NaN as null
        List<Map<String, String>> nanAsNull = new ArrayList<>();
        for (Map<String, String> m : expected) {
            Map<String, String> c = new LinkedHashMap<>(m);
            c.replace("n", "NaN", null);
            nanAsNull.add(c);
        }
        Texts w2 = stream(s, db, new StreamOptions().plugin(Plugin.WAL2JSON).slot("x_wal2json").untilLsn(until), true);
        assertEquals(nanAsNull, w2.rows, "wal2json format-version 2");
        assertEquals(4, w2.raw.size(), "B, I, I, C records");
        assertTrue(w2.rawText().get(1).startsWith("{\"action\":\"I\""), w2.rawText().get(1));
        Texts w1 = stream(s, db, new StreamOptions().plugin(Plugin.WAL2JSON).slot("x_wal2json1").wal2jsonFormat(1)
                .untilLsn(until), false);
        assertEquals(nanAsNull, w1.rows, "wal2json format-version 1");
        assertEquals(List.of(), w1.raw, "no raw messages unless wanted");

        Texts peek = stream(s, db, new StreamOptions().plugin(Plugin.TEST_DECODING).slot("x_peek").peek(true)
                .untilLsn(until), true);
        assertEquals(expected, peek.rows, "peek");
        assertEquals(lines, peek.rawText(), "peek: the same lines as streaming");
    }
}
