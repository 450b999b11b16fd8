package io.walscope.core.pg.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Progress;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.TestServer;

/**
 * A database on a test-bed server that has every trap the checks look for: a table without a primary key,
 * each replica identity, a partitioned table with partitions (10+), names that need quoting, roles without
 * REPLICATION (one has it only through a group), missing grants, and an inactive slot holding WAL.
 */
final class PrepFixture implements AutoCloseable {
    static final String SCHEMA = "shop";
    static final String ODD_SCHEMA = "Sales Dept";
    static final String EVIL = "a\"b; drop table x; --";
    static final String PASSWORD = "fixture-pw";

    final TestServer server;
    final String db;
    final int major;
    final String norepl;
    final String grouped;
    final String group;
    final String slot;

    PrepFixture(TestServer server) {
        this.server = server;
        this.db = server.createDatabase("prep");
        this.major = server.major().equals("9.6") ? 9 : Integer.parseInt(server.major());
        this.norepl = "cdc_norepl_" + db;
        this.grouped = "cdc_grouped_" + db;
        this.group = "repl_group_" + db;
        this.slot = "walscope_t_idle_" + db;
        List<String> sql = new ArrayList<>(List.of(
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.with_pk (id int PRIMARY KEY, note text)",
                "CREATE TABLE shop.no_pk (a int, b int)",
                "CREATE TABLE shop.ri_full (id int PRIMARY KEY, doc jsonb)",
                "ALTER TABLE shop.ri_full REPLICA IDENTITY FULL",
                "CREATE TABLE shop.ri_nothing (id int PRIMARY KEY)",
                "ALTER TABLE shop.ri_nothing REPLICA IDENTITY NOTHING",
                "CREATE TABLE shop.ri_index (id int NOT NULL, code int NOT NULL)",
                "CREATE UNIQUE INDEX ri_index_code ON shop.ri_index (code)",
                "ALTER TABLE shop.ri_index REPLICA IDENTITY USING INDEX ri_index_code",
                "CREATE TABLE shop.\"Order Items\" (id int PRIMARY KEY, qty int)",
                "CREATE TABLE shop.\"a\"\"b; drop table x; --\" (id int PRIMARY KEY)",
                "CREATE TABLE shop.x (id int PRIMARY KEY)",
                "CREATE SCHEMA \"Sales Dept\"",
                "CREATE TABLE \"Sales Dept\".\"Order Items\" (id int PRIMARY KEY)"));
        if (major >= 10) {
            sql.addAll(List.of(
                    "CREATE TABLE shop.events (id int NOT NULL, at date NOT NULL, payload int) PARTITION BY RANGE (at)",
                    "CREATE TABLE shop.events_2024 PARTITION OF shop.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                    "CREATE TABLE shop.events_2025 PARTITION OF shop.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"));
        }
        sql.addAll(List.of(
                "CREATE ROLE " + norepl + " LOGIN PASSWORD '" + PASSWORD + "'",
                "CREATE ROLE " + group + " NOLOGIN REPLICATION",
                "CREATE ROLE " + grouped + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE " + group,
                "GRANT USAGE ON SCHEMA shop TO " + grouped,
                "GRANT SELECT ON ALL TABLES IN SCHEMA shop TO " + grouped));
        server.sql(db, sql.toArray(String[]::new));
        // an inactive slot holding WAL: created, then WAL written after its restart_lsn
        server.sql(db, "SELECT pg_create_logical_replication_slot('" + slot + "', 'test_decoding')",
                "CREATE TABLE public.wal_filler AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 2000) g");
    }

    /** The plugin to check with: pgoutput where the server has it, else test_decoding. */
    Plugin plugin() {
        return major >= 10 ? Plugin.PGOUTPUT : Plugin.TEST_DECODING;
    }

    CheckOptions options() {
        return CheckOptions.of(List.of(SCHEMA, ODD_SCHEMA), plugin());
    }

    ConnectionProfile superProfile() {
        return server.profile(db);
    }

    ConnectionProfile profile(String user) {
        return server.profile(db).setUser(user);
    }

    CheckReport check(CheckOptions o) throws Exception {
        return new CheckRunner(superProfile(), server.superuserSecrets()).run(o, Progress.NONE);
    }

    CheckReport checkAs(String user, CheckOptions o) throws Exception {
        return new CheckRunner(profile(user), Secrets.of(PASSWORD, null)).run(o, Progress.NONE);
    }

    Connection connect() {
        return server.connect(db);
    }

    /** relname -> relreplident of every table in the fixture's schemas, plus the publications: "nothing changed" compares these. */
    Map<String, String> state() throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT n.nspname || '.' || c.relname, c.relreplident::text FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('shop', 'Sales Dept') AND c.relkind IN ('r', 'p')")) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getString(2));
                }
            }
            if (major >= 10) {
                try (ResultSet rs = st.executeQuery("SELECT pubname FROM pg_publication")) {
                    while (rs.next()) {
                        m.put("publication " + rs.getString(1), "exists");
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT rolname, rolreplication::text FROM pg_roles WHERE rolname IN ('"
                    + norepl + "', '" + grouped + "')")) {
                while (rs.next()) {
                    m.put("role " + rs.getString(1), rs.getString(2));
                }
            }
        }
        return m;
    }

    @Override
    public void close() {
        server.sql("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
        server.sql("postgres", "DROP DATABASE " + db);
        server.sql("postgres", "DROP ROLE IF EXISTS " + norepl, "DROP ROLE IF EXISTS " + grouped, "DROP ROLE IF EXISTS " + group);
    }
}
