package io.walscope.debezium.peer;

import java.util.ArrayList;
import java.util.List;

import io.walscope.testbed.TestServer;
import io.walscope.testbed.TypeFixture;

/**
 * The database both peers drain: the test bed's type fixture (every type family, edge values) and tables for the
 * cases that have their own rules (unchanged TOAST values with and without REPLICA IDENTITY FULL, column defaults,
 * no primary key, a unique key, quoted names, a truncate, logical messages), the rows the snapshots read, and the
 * changes streamed after the slots exist.
 */
final class PeerDatabase {
    static final String FIXTURE = TypeFixture.SCHEMA + "." + TypeFixture.TABLE;
    static final String FIXTURE_FULL = FIXTURE + "_full";

    private final TestServer server;
    private final String db;
    private final TypeFixture fixture;

    PeerDatabase(TestServer server, String db) {
        this.server = server;
        this.db = db;
        this.fixture = TypeFixture.forServer(server.major());
    }

    String name() {
        return db;
    }

    /** Types, tables, the rows the snapshots read, the publication. */
    void create() {
        List<String> s = new ArrayList<>(fixture.setupSql());
        s.add("CREATE TABLE " + FIXTURE_FULL + " (LIKE " + FIXTURE + " INCLUDING ALL)");
        s.add("ALTER TABLE " + FIXTURE_FULL + " REPLICA IDENTITY FULL");
        // Debezium cannot snapshot a refcursor column (pgjdbc's getObject fetches the cursor it names): the
        // snapshotted table goes without it, the streamed one keeps it
        s.add("ALTER TABLE " + FIXTURE + " DROP COLUMN c_refcursor");
        s.add("CREATE SCHEMA peer");
        s.add("CREATE TABLE peer.toasty (id int PRIMARY KEY, n int NOT NULL, big text, note varchar(20) NOT NULL)");
        s.add("CREATE TABLE peer.toasty_full (LIKE peer.toasty INCLUDING ALL)");
        s.add("ALTER TABLE peer.toasty_full REPLICA IDENTITY FULL");
        s.add("CREATE TABLE peer.defaults (id serial PRIMARY KEY, n int NOT NULL DEFAULT 7, s varchar(10) DEFAULT 'x',"
                + " flag boolean NOT NULL DEFAULT true, price numeric(10,2) DEFAULT 1.5, amount numeric DEFAULT 2.50,"
                + " made timestamptz DEFAULT now(), d date DEFAULT '2024-01-01', mood fx.mood DEFAULT 'ok',"
                + " big bigint DEFAULT 9000000000, small smallint NOT NULL DEFAULT -3, r real DEFAULT 1.25,"
                + " f float8 DEFAULT 0.5, u uuid DEFAULT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
                + " j jsonb DEFAULT '{}', t time DEFAULT '04:05:06', ts timestamp DEFAULT '2024-01-01 10:00:00',"
                + " iv interval DEFAULT '1 day', bits bit(3) DEFAULT B'101', c char(3) NOT NULL DEFAULT 'ab',"
                + " txt text NOT NULL DEFAULT '', nul text DEFAULT NULL)");
        s.add("CREATE TABLE peer.nokey (a int, b text)");
        s.add("ALTER TABLE peer.nokey REPLICA IDENTITY FULL");
        s.add("CREATE TABLE peer.uniq (a int NOT NULL, b text, UNIQUE (a))");
        s.add("ALTER TABLE peer.uniq REPLICA IDENTITY USING INDEX uniq_a_key");
        s.add("CREATE TABLE peer.\"Mixed Case\" (\"Id\" int PRIMARY KEY, \"Value\" text, \"n\"\"q\" int)");
        s.add("CREATE TABLE peer.trunc (id int PRIMARY KEY, v text)");
        s.add("CREATE TABLE peer.marker (id int PRIMARY KEY)");
        s.add("CREATE EXTENSION ltree SCHEMA fx_ext");
        s.add("CREATE EXTENSION isn SCHEMA fx_ext");
        s.add("CREATE TYPE public.level AS ENUM ('low', 'ok', 'high')");
        s.add("CREATE TABLE peer.edges (id int PRIMARY KEY, t0 time(0), t3 time(3), tz2 timetz(2),"
                + " ts0 timestamp(0), ts3 timestamp(3), tstz0 timestamptz(0), tstz3 timestamptz(3), d date,"
                + " ts timestamp, tstz timestamptz, iv interval, n20 numeric(20,5), nbig numeric, m money, b1 bit(1),"
                + " vb5 bit varying(5), by bytea, lv public.level DEFAULT 'ok', lt fx_ext.ltree, isbn fx_ext.isbn,"
                + " ci_arr fx_ext.citext[], lt_arr fx_ext.ltree[], i8_arr bigint[], oid_arr oid[], num_arr numeric[],"
                + " f4_arr real[], t_arr time[], tz_arr timetz[], ts_arr timestamp[], ch_arr char(3)[],"
                + " inet_arr inet[], date_arr2 date[], geo_arr geometry[], n_def numeric(8,3) NOT NULL DEFAULT 0,"
                + " t_def time(3) DEFAULT '01:02:03.456', ts_def timestamptz(3) DEFAULT '2020-02-02 02:02:02.5+00')");
        s.add("CREATE TABLE peer.keyorder (a int, b text, c int, PRIMARY KEY (c, a))");
        s.add("CREATE TABLE peer.gen (id int PRIMARY KEY, n int, g int GENERATED ALWAYS AS (n * 2) STORED)");
        s.add("CREATE TABLE peer.uniq_expr (a int NOT NULL, b text NOT NULL)");
        s.add("CREATE UNIQUE INDEX a_lower_b ON peer.uniq_expr (lower(b))");
        s.add("CREATE UNIQUE INDEX b_on_a ON peer.uniq_expr (a)");
        s.add("ALTER TABLE peer.uniq_expr REPLICA IDENTITY FULL");
        s.add("CREATE TABLE peer.toast_types (id int PRIMARY KEY, n int, t_arr text[], i_arr int[], l_arr bigint[],"
                + " by bytea, j jsonb, h fx_ext.hstore, u_arr uuid[], x xml)");
        s.add("ALTER TABLE peer.toast_types ALTER COLUMN by SET STORAGE EXTERNAL");
        s.add("CREATE TABLE peer.empty (id int PRIMARY KEY)");
        for (String r : fixture.insertSql()) {
            s.add(withoutRefcursor(r));
        }
        s.add("INSERT INTO peer.toasty VALUES (1, 1, " + big() + ", 'first'), (2, 2, 'short', 'second')");
        s.add("INSERT INTO peer.toasty_full SELECT * FROM peer.toasty");
        s.add("INSERT INTO peer.defaults DEFAULT VALUES");
        s.add("INSERT INTO peer.nokey VALUES (1, 'one'), (2, NULL)");
        s.add("INSERT INTO peer.uniq VALUES (1, 'one')");
        s.add("INSERT INTO peer.\"Mixed Case\" VALUES (1, 'M', 2)");
        s.add("INSERT INTO peer.trunc VALUES (1, 'a'), (2, 'b')");
        s.addAll(edges(1));
        s.add("INSERT INTO peer.keyorder VALUES (1, 'x', 2)");
        s.add("INSERT INTO peer.gen (id, n) VALUES (1, 1)");
        s.add("INSERT INTO peer.uniq_expr VALUES (1, 'One')");
        s.add("INSERT INTO peer.toast_types SELECT 1, 1, ARRAY(SELECT md5(i::text) FROM generate_series(1, 200) i),"
                + " ARRAY(SELECT (random() * 1e9)::int FROM generate_series(1, 2000)),"
                + " ARRAY(SELECT (random() * 1e15)::bigint FROM generate_series(1, 1000)),"
                + " decode(string_agg(md5(i::text), ''), 'hex') , ('{\"a\": \"' || string_agg(md5(i::text), '') || '\"}')::jsonb,"
                + " fx_ext.hstore('k', string_agg(md5(i::text), '')),"
                + " ARRAY(SELECT md5(i::text)::uuid FROM generate_series(1, 300) i),"
                + " ('<a>' || string_agg(md5(i::text), '') || '</a>')::xml FROM generate_series(1, 400) i");
        s.add("CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        server.sql(db, s.toArray(String[]::new));
    }

    /** An INSERT of the fixture without its refcursor column. */
    private static String withoutRefcursor(String insert) {
        int cols = insert.indexOf(" (") + 2;
        int vals = insert.indexOf(") VALUES (");
        List<String> names = List.of(insert.substring(cols, vals).split(", "));
        int at = names.indexOf("\"c_refcursor\"");
        if (at < 0) {
            return insert;
        }
        List<String> values = splitValues(insert.substring(vals + 10, insert.length() - 1));
        List<String> n = new ArrayList<>(names);
        n.remove(at);
        values.remove(at);
        return insert.substring(0, cols) + String.join(", ", n) + ") VALUES (" + String.join(", ", values) + ")";
    }

    /** Splits {@code 'a', NULL, 'b,c'} at the commas between literals. */
    private static List<String> splitValues(String v) {
        List<String> out = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(v.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(v.substring(start).strip());
        return out;
    }

    /** Rows of peer.edges with edge values of the types whose Debezium forms have the most rules. */
    static List<String> edges(int id) {
        String cols = "INSERT INTO peer.edges (id, t0, t3, tz2, ts0, ts3, tstz0, tstz3, d, ts, tstz, iv, n20, nbig, m,"
                + " b1, vb5, by, lv, lt, isbn, ci_arr, lt_arr, i8_arr, oid_arr, num_arr, f4_arr, t_arr, tz_arr, ts_arr,"
                + " ch_arr, inet_arr, date_arr2, geo_arr) VALUES ";
        return List.of(
                cols + "(" + id + ", '23:59:59.7', '12:34:56.7891', '12:34:56.789+05:45', '2024-06-30 23:59:59.6',"
                        + " '1999-12-31 23:59:59.9999', '2024-01-01 00:00:00.5+00', '1582-10-04 12:00:00.123+01',"
                        + " '1000-01-01', '1582-10-15 00:00:00', '0044-03-15 10:30:00+02 BC',"
                        + " '-1 year -2 mons +3 days -04:05:06.5', '123456789012345.12345',"
                        + " '100000000000000000000.000000000000000000001', '92233720368547758.07', B'1', B'10110',"
                        + " '\\x27225c00ff', 'high', 'top.science.astronomy', '978-0-306-40615-7',"
                        + " '{MiXeD,\"with space\"}', '{a.b,c}', '{-9223372036854775808,9223372036854775807}',"
                        + " '{0,4294967295}', '{1.10,2.5,-3}', '{1.5,NaN,Infinity}', '{04:05:06.789123,24:00:00}',"
                        + " '{04:05:06.789+02}', '{\"2024-01-31 12:00:00.123456\",\"0044-03-15 10:30:00 BC\"}',"
                        + " '{ab,\"c  \"}', '{::1,10.0.0.1/8}', '{1000-01-01,-infinity}',"
                        + " ARRAY['SRID=4326;POINT(1 2)'::geometry, 'LINESTRING(0 0,1 1)'::geometry])",
                cols + "(" + (id + 1) + ", '00:00:00', '00:00:00.001', '00:00:00+00', '1970-01-01 00:00:00',"
                        + " '1969-12-31 23:59:59.999', '1970-01-01 00:00:00+00', '-infinity', '1582-10-15', '1000-06-30 12:00:00',"
                        + " '2000-02-29 23:59:59.999999-12', '100 years', '-0.00001', '-1e-20', '-$0.99', B'0',"
                        + " B'00000', '', NULL, 'a', '0-306-40615-2', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}',"
                        + " '{}', '{}', '{}', '{}', '{}')");
    }

    /** A text of 100 KB that does not compress: stored out of line (TOASTed). */
    private static String big() {
        return "(SELECT string_agg(md5(i::text), '') FROM generate_series(1, 3200) i)";
    }

    /** The changes streamed after every slot exists; the last transaction inserts into peer.marker. */
    void changes() {
        List<String> s = new ArrayList<>();
        List<String> rows = fixture.insertSql();
        for (String r : rows) {
            s.add(r.replace("INSERT INTO " + FIXTURE + " ", "INSERT INTO " + FIXTURE_FULL + " "));
        }
        s.add("UPDATE " + FIXTURE_FULL + " SET c_text = 'changed', c_int4 = 7 WHERE row_no = 1");
        s.add("DELETE FROM " + FIXTURE_FULL + " WHERE row_no = 2");
        s.add("UPDATE " + FIXTURE + " SET c_int4 = 5 WHERE row_no = 3");
        s.add("DELETE FROM " + FIXTURE + " WHERE row_no = 4");
        s.add("UPDATE " + FIXTURE + " SET row_no = 40 WHERE row_no = 1");
        s.add("UPDATE peer.toasty SET n = n + 10");
        s.add("UPDATE peer.toasty_full SET n = n + 10");
        s.add("UPDATE peer.toasty SET note = 'noted' WHERE id = 1");
        s.add("DELETE FROM peer.toasty WHERE id = 1");
        s.add("INSERT INTO peer.defaults (n) VALUES (8)");
        s.add("INSERT INTO peer.defaults (id, n, s, flag, price, amount, made, d, mood, big, small, r, f, u, j, t, ts,"
                + " iv, bits, c, txt, nul) VALUES (100, 1, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, 5, NULL,"
                + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'z', 'y', 'not null')");
        s.add("DELETE FROM peer.defaults WHERE id = 1");
        s.add("INSERT INTO peer.nokey VALUES (3, 'three')");
        s.add("UPDATE peer.nokey SET b = 'uno' WHERE a = 1");
        s.add("DELETE FROM peer.nokey WHERE a = 2");
        s.add("INSERT INTO peer.uniq VALUES (2, 'two')");
        s.add("UPDATE peer.uniq SET b = 'eins' WHERE a = 1");
        s.add("UPDATE peer.uniq SET a = 3 WHERE a = 2");
        s.add("DELETE FROM peer.uniq WHERE a = 1");
        s.add("UPDATE peer.\"Mixed Case\" SET \"Value\" = 'N' WHERE \"Id\" = 1");
        s.add("SELECT pg_logical_emit_message(true, 'peer', 'transactional message')");
        s.add("SELECT pg_logical_emit_message(false, 'peer', 'plain message')");
        s.add("BEGIN; INSERT INTO peer.trunc VALUES (3, 'c'); UPDATE peer.nokey SET b = 'tres' WHERE a = 3;"
                + " INSERT INTO peer.\"Mixed Case\" VALUES (2, NULL, NULL); COMMIT");
        s.add("TRUNCATE peer.trunc");
        s.add("INSERT INTO peer.trunc VALUES (9, 'after truncate')");
        s.addAll(edges(10));
        s.add("UPDATE peer.edges SET iv = '1.5 seconds', lv = NULL WHERE id = 10");
        s.add("DELETE FROM peer.edges WHERE id = 11");
        s.add("UPDATE peer.gen SET n = 2");
        s.add("INSERT INTO peer.gen (id, n) VALUES (2, 5)");
        s.add("UPDATE peer.keyorder SET b = 'y'");
        s.add("UPDATE peer.keyorder SET a = 5");
        s.add("DELETE FROM peer.keyorder");
        s.add("INSERT INTO peer.uniq_expr VALUES (2, 'Two')");
        s.add("UPDATE peer.uniq_expr SET b = 'Eins' WHERE a = 1");
        s.add("DELETE FROM peer.uniq_expr WHERE a = 2");
        s.add("UPDATE peer.toast_types SET n = 2");
        s.add("INSERT INTO peer.marker VALUES (1)");
        server.sql(db, s.toArray(String[]::new));
    }

    /** A slot's confirmed position as a number (Debezium's {@code lsn} field), or -1 when the slot is missing. */
    long confirmed(String slot) {
        try (var c = server.connect(db); var st = c.prepareStatement("SELECT (confirmed_flush_lsn - '0/0'::pg_lsn)"
                + "::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, slot);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The server's current WAL insert position (the write position lags with synchronous_commit off). */
    String currentLsn() {
        try (var c = server.connect(db); var st = c.createStatement();
                var rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
