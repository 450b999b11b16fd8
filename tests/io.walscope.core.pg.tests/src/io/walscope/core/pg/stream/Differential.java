package io.walscope.core.pg.stream;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.walscope.core.pg.catalog.CatalogColumn;
import io.walscope.core.pg.catalog.CatalogReader;
import io.walscope.core.pg.catalog.CatalogTable;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.RenderedTuple;
import io.walscope.core.stream.Tuple;
import io.walscope.testbed.TestServer;

/**
 * The differential test: generates tables over every type family ({@link DiffTypes}: domains, arrays of domains
 * and composites, enums, ranges, multiranges, special and extreme values), a partitioned table, a REPLICA
 * IDENTITY FULL table with a TOASTed and a generated column, and a random workload (inserts, updates, deletes,
 * ADD COLUMN between changes, truncates of two tables, one large transaction that protocol 2 streams), then reads
 * the same WAL through every plugin configuration and compares every change with the reference (pgoutput, text,
 * protocol 1) and the reference's final rows with the tables read back by SELECT through the type catalog.
 * Disagreements are counted by configuration and type family; those that are documented plugin limits
 * ({@link #limit}) are counted apart.
 */
final class Differential {
    static final List<String> CONFIGS = List.of("pgoutput", "pgoutput-binary", "pgoutput-v2", "pgoutput-v2-binary",
            "test_decoding", "wal2json", "wal2json1", "decoderbufs");

    /** What a run found. */
    static final class Result {
        long changes;
        long values;
        final Map<String, Integer> undocumented = new TreeMap<>();
        final Map<String, Integer> documented = new TreeMap<>();
        final List<String> examples = new ArrayList<>();

        void add(Result r) {
            changes += r.changes;
            values += r.values;
            r.undocumented.forEach((k, v) -> undocumented.merge(k, v, Integer::sum));
            r.documented.forEach((k, v) -> documented.merge(k, v, Integer::sum));
            for (String e : r.examples) {
                if (examples.size() < 20) {
                    examples.add(e);
                }
            }
        }

        String summary() {
            StringBuilder b = new StringBuilder();
            b.append("changes compared: ").append(changes).append(", values compared: ").append(values).append('\n');
            b.append("undocumented disagreements: ").append(undocumented.values().stream().mapToInt(i -> i).sum())
                    .append('\n');
            undocumented.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
            b.append("documented plugin limits: ").append(documented.values().stream().mapToInt(i -> i).sum())
                    .append('\n');
            documented.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
            for (String e : examples) {
                b.append("  e.g. ").append(e).append('\n');
            }
            return b.toString();
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    private final TestServer s;
    private final Random rnd;
    private final long seed;
    /** table -> column -> type family */
    private final Map<String, Map<String, String>> families = new LinkedHashMap<>();
    private final Map<String, List<Integer>> live = new HashMap<>();
    private int nextId = 1;
    private int nextCol = 100;

    private final List<String> configs;
    private final List<DiffTypes.Family> types = new ArrayList<>(DiffTypes.ALL);

    Differential(TestServer s, long seed) {
        this(s, seed, CONFIGS);
    }

    /** A run over {@code configs} (the first is the reference), e.g. pgoutput and test_decoding on a zonky build. */
    Differential(TestServer s, long seed, List<String> configs) {
        this.s = s;
        this.seed = seed;
        this.rnd = new Random(seed);
        this.configs = configs;
    }

    Result run(int tables, int operations) throws Exception {
        String db = Slots2.track(s, "diff");
        s.sql(db, DiffTypes.SETUP.toArray(String[]::new));
        try {
            s.sql(db, "SELECT '<a/>'::xml");
        } catch (IllegalStateException e) {
            // a server built without libxml
            types.removeIf(f -> f.name().equals("xml"));
        }
        s.sql(db, "ALTER DATABASE \"" + db + "\" SET logical_decoding_work_mem = '64kB'");
        for (int t = 0; t < tables; t++) {
            createTable("t" + t, t == 0 ? "part" : t == 1 ? "full" : "plain");
        }
        s.sql(db, "CREATE PUBLICATION dbz_publication FOR ALL TABLES WITH (publish_via_partition_root = true)");
        for (int i = 0; i < configs.size(); i++) {
            ChangeStreamTest.slot(s, db, "diff_" + i, plugin(configs.get(i)));
        }
        List<String> ddl = new ArrayList<>(pendingDdl);
        pendingDdl.clear();
        s.sql(db, ddl.toArray(String[]::new));
        workload(db, operations);
        long until = ChangeStreamTest.currentLsn(s, db);
        List<List<ChangeEvent>> streams = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            String c = configs.get(i);
            StreamOptions o = new StreamOptions().plugin(plugin(c)).slot("diff_" + i).untilLsn(until)
                    .binary(c.endsWith("binary")).streaming(c.startsWith("pgoutput-v2"));
            if (c.equals("wal2json1")) {
                o.wal2jsonFormat(1);
            }
            streams.add(ChangeStreamTest.stream(s, db, o).events);
        }
        Result r = new Result();
        List<ChangeEvent> ref = streams.get(0);
        for (int i = 1; i < configs.size(); i++) {
            compare(configs.get(i), ref, streams.get(i), r);
        }
        compareWithSelect(db, ref, r);
        return r;
    }

    private static Plugin plugin(String config) {
        return Plugin.parse(config.startsWith("pgoutput") ? "pgoutput" : config.replace("1", ""));
    }

    private final List<String> pendingDdl = new ArrayList<>();
    private final List<DiffTypes.Family> deck = new ArrayList<>();

    private void createTable(String name, String kind) {
        Map<String, String> cols = new LinkedHashMap<>();
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + name + " (id int NOT NULL");
        if (kind.equals("part")) {
            ddl.append(", k int NOT NULL");
        }
        int n = 4 + rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            // every family once before any twice: a bounded run covers them all
            if (deck.isEmpty()) {
                deck.addAll(types);
                java.util.Collections.shuffle(deck, rnd);
            }
            DiffTypes.Family f = deck.remove(deck.size() - 1);
            String c = "c" + i;
            cols.put(c, f.name());
            ddl.append(", ").append(c).append(' ').append(f.ddl());
        }
        if (kind.equals("full")) {
            ddl.append(", big text, g int GENERATED ALWAYS AS (id * 2) STORED");
            cols.put("big", "text (TOAST)");
            cols.put("g", "generated");
        }
        ddl.append(kind.equals("part") ? ", PRIMARY KEY (id, k)) PARTITION BY LIST (k)" : ", PRIMARY KEY (id))");
        pendingDdl.add(ddl.toString());
        if (kind.equals("part")) {
            pendingDdl.add("CREATE TABLE " + name + "_p0 PARTITION OF " + name + " FOR VALUES IN (0)");
            pendingDdl.add("CREATE TABLE " + name + "_p1 PARTITION OF " + name + " FOR VALUES IN (1)");
            pendingDdl.add("ALTER TABLE " + name + "_p0 REPLICA IDENTITY FULL");
            pendingDdl.add("ALTER TABLE " + name + "_p1 REPLICA IDENTITY FULL");
        }
        if (kind.equals("full")) {
            pendingDdl.add("ALTER TABLE " + name + " REPLICA IDENTITY FULL");
        }
        families.put(name, cols);
        live.put(name, new ArrayList<>());
    }

    private String literal(String table, String column) {
        String fam = families.get(table).get(column);
        if (rnd.nextInt(10) == 0) {
            return "NULL";
        }
        if (fam.equals("text (TOAST)")) {
            return "(SELECT string_agg(md5(i::text || '" + rnd.nextInt() + "'), '') FROM generate_series(1, 300) i)";
        }
        for (DiffTypes.Family f : DiffTypes.ALL) {
            if (f.name().equals(fam)) {
                return f.values().get(rnd.nextInt(f.values().size()));
            }
        }
        throw new IllegalStateException(fam);
    }

    private List<String> writable(String table) {
        List<String> out = new ArrayList<>();
        families.get(table).forEach((c, f) -> {
            if (!f.equals("generated")) {
                out.add(c);
            }
        });
        return out;
    }

    private String insert(String table) {
        int id = nextId++;
        live.get(table).add(id);
        List<String> cols = writable(table);
        StringBuilder names = new StringBuilder("id");
        StringBuilder vals = new StringBuilder(Integer.toString(id));
        if (table.equals("t0")) {
            names.append(", k");
            vals.append(", ").append(id % 2);
        }
        for (String c : cols) {
            names.append(", ").append(c);
            vals.append(", ").append(literal(table, c));
        }
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + vals + ")";
    }

    private void workload(String db, int operations) {
        List<String> tables = new ArrayList<>(families.keySet());
        int done = 0;
        boolean big = false;
        while (done < operations) {
            List<String> tx = new ArrayList<>();
            int n = !big && done > operations / 2 ? 400 : 1 + rnd.nextInt(8);
            big |= n == 400;
            for (int i = 0; i < n; i++, done++) {
                String t = tables.get(rnd.nextInt(tables.size()));
                List<Integer> ids = live.get(t);
                int dice = n == 400 ? 0 : rnd.nextInt(100);
                if (dice < 55 || ids.isEmpty()) {
                    tx.add(insert(t));
                } else if (dice < 80) {
                    List<String> cols = writable(t);
                    String c = cols.get(rnd.nextInt(cols.size()));
                    tx.add("UPDATE " + t + " SET " + c + " = " + literal(t, c) + " WHERE id = "
                            + ids.get(rnd.nextInt(ids.size())));
                } else if (dice < 92) {
                    tx.add("DELETE FROM " + t + " WHERE id = " + ids.remove(rnd.nextInt(ids.size())));
                } else if (dice < 97) {
                    DiffTypes.Family f = types.get(rnd.nextInt(types.size()));
                    String c = "c" + nextCol++;
                    tx.add("ALTER TABLE " + t + " ADD COLUMN " + c + " " + f.ddl());
                    families.get(t).put(c, f.name());
                } else {
                    String t2 = tables.get(rnd.nextInt(tables.size()));
                    tx.add("TRUNCATE " + t + (t2.equals(t) ? "" : ", " + t2));
                    ids.clear();
                    live.get(t2).clear();
                }
            }
            s.sql(db, "BEGIN; " + String.join("; ", tx) + "; COMMIT");
        }
    }

    /** The table an event belongs to, partitions named by their root (as pgoutput publishes them). */
    private static String table(ChangeEvent e) {
        String t = e.table();
        return t != null && t.matches("t0_p[01]") ? "t0" : t;
    }

    private static boolean emitsTruncate(String config) {
        return !config.equals("wal2json1") && !config.equals("decoderbufs");
    }

    private void compare(String config, List<ChangeEvent> ref, List<ChangeEvent> allOther, Result r) {
        List<ChangeEvent> a = ref.stream().filter(e -> e.op() != Op.TRUNCATE || emitsTruncate(config)).toList();
        List<ChangeEvent> other = new ArrayList<>();
        for (ChangeEvent e : allOther) {
            if (e.op() == Op.TRUNCATE && !config.startsWith("pgoutput") && !e.table().equals(table(e))) {
                // a TRUNCATE of a partitioned table: test_decoding and wal2json name the root and every partition,
                // pgoutput with publish_via_partition_root only the root
                count(r, config, "truncate also names the partitions", true, null);
                continue;
            }
            other.add(e);
        }
        if (a.size() != other.size()) {
            count(r, config, "change count", false, config + ": " + other.size() + " changes, reference "
                    + a.size() + " (seed " + seed + ")");
            return;
        }
        for (int i = 0; i < a.size(); i++) {
            ChangeEvent x = a.get(i);
            ChangeEvent y = other.get(i);
            r.changes++;
            if (x.op() != y.op() || !table(x).equals(table(y))) {
                count(r, config, "change order", false, config + " #" + i + ": " + y.op() + " " + table(y)
                        + ", reference " + x.op() + " " + table(x));
                continue;
            }
            Tuple tx = x.op() == Op.DELETE ? x.key() : x.after();
            Tuple ty = y.op() == Op.DELETE ? y.key() : y.after();
            if (tx == null || ty == null) {
                if (tx != ty) {
                    count(r, config, x.op() == Op.DELETE ? "key" : "after", limitMissing(config, x), config + " #"
                            + i + " " + table(x) + ": " + (ty == null ? "no " : "unexpected ")
                            + (x.op() == Op.DELETE ? "key" : "row"));
                }
                continue;
            }
            RenderedTuple rx = RenderedTuple.of(tx);
            RenderedTuple ry = RenderedTuple.of(ty);
            Map<String, Integer> yIdx = new HashMap<>();
            for (int c = 0; c < ry.size(); c++) {
                yIdx.put(ry.name(c), c);
            }
            for (int c = 0; c < rx.size(); c++) {
                String fam = families.getOrDefault(table(x), Map.of()).getOrDefault(rx.name(c), "id");
                Integer j = yIdx.get(rx.name(c));
                if (j == null) {
                    count(r, config, fam + " (column missing)", limit(config, fam, "missing", null) != null,
                            config + " " + table(x) + "." + rx.name(c) + " missing");
                    continue;
                }
                if (rx.state(c) == Tuple.UNCHANGED_TOAST || ry.state(j) == Tuple.UNCHANGED_TOAST) {
                    continue;
                }
                r.values++;
                String vx = rx.state(c) == Tuple.NULL ? "null" : rx.json(c);
                String vy = ry.state(j) == Tuple.NULL ? "null" : ry.json(j);
                if (!vx.equals(vy)) {
                    String why = limit(config, fam, vx, vy);
                    count(r, config, fam, why != null, config + " " + table(x) + "." + rx.name(c) + " [" + fam
                            + "]: " + abbreviate(vy) + ", reference " + abbreviate(vx));
                }
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static void count(Result r, String config, String what, boolean documented, String example) {
        (documented ? r.documented : r.undocumented).merge(config + ": " + what, 1, Integer::sum);
        if (!documented && r.examples.size() < 20) {
            r.examples.add(example);
        }
    }

    private static boolean limitMissing(String config, ChangeEvent reference) {
        // test_decoding and decoderbufs tell no key: a delete's key comes from the catalog (present here)
        return false;
    }

    /**
     * The documented plugin limits (README, plugin notes; the type inspector's note): the reason, or null when
     * {@code got} should equal {@code reference}.
     */
    static String limit(String config, String family, String reference, String got) {
        if (config.startsWith("wal2json")) {
            if ((family.startsWith("numeric") || family.startsWith("float") || family.equals("domain numeric"))
                    && "null".equals(got) && reference.matches("\"-?(NaN|Infinity)\"")) {
                return "wal2json prints NaN and infinite numerics and floats as null";
            }
        }
        if (config.equals("select") && family.equals("generated") && reference.equals("null")) {
            return "pgoutput sends no generated columns (18: unless publish_generated_columns = stored)";
        }
        if (config.equals("decoderbufs")) {
            if (family.equals("timetz")) {
                return "decoderbufs folds timetz to UTC";
            }
        }
        return null;
    }

    /** Replays the reference stream into final rows and compares them with SELECT through the type catalog. */
    private void compareWithSelect(String db, List<ChangeEvent> ref, Result r) throws Exception {
        Map<String, Map<String, Map<String, String>>> rows = new HashMap<>();
        for (ChangeEvent e : ref) {
            String t = table(e);
            Map<String, Map<String, String>> byId = rows.computeIfAbsent(t, k -> new HashMap<>());
            if (e.op() == Op.TRUNCATE) {
                byId.clear();
                continue;
            }
            Tuple tu = e.op() == Op.DELETE ? e.key() : e.after();
            if (tu == null) {
                continue;
            }
            RenderedTuple rt = RenderedTuple.of(tu);
            String id = null;
            for (int c = 0; c < rt.size(); c++) {
                if (rt.name(c).equals("id")) {
                    id = rt.json(c);
                }
            }
            if (e.op() == Op.DELETE) {
                byId.remove(id);
                continue;
            }
            Map<String, String> row = byId.computeIfAbsent(id, k -> new HashMap<>());
            for (int c = 0; c < rt.size(); c++) {
                if (rt.state(c) != Tuple.UNCHANGED_TOAST) {
                    row.put(rt.name(c), rt.state(c) == Tuple.NULL ? "null" : rt.json(c));
                }
            }
        }
        try (Connection c = s.connect(db)) {
            List<CatalogTable> tables = new CatalogReader(c).read(List.of("public"), List.of());
            for (CatalogTable t : tables) {
                if (!families.containsKey(t.name())) {
                    continue;
                }
                Map<String, Map<String, String>> expected = rows.getOrDefault(t.name(), Map.of());
                StringBuilder q = new StringBuilder("SELECT id::text");
                for (CatalogColumn col : t.columns()) {
                    // the type's output function, as the plugins print it (inet::text would add a /32)
                    q.append(", ").append('"').append(col.name()).append('"');
                }
                q.append(" FROM ").append(t.name());
                int seen = 0;
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q.toString())) {
                    while (rs.next()) {
                        seen++;
                        Map<String, String> row = expected.get(rs.getString(1));
                        r.changes++;
                        if (row == null) {
                            count(r, "select", "row missing from the stream", false, t.name() + " id "
                                    + rs.getString(1) + " (seed " + seed + ")");
                            continue;
                        }
                        for (int i = 0; i < t.columns().size(); i++) {
                            CatalogColumn col = t.columns().get(i);
                            String text = rs.getString(i + 2);
                            String want = row.getOrDefault(col.name(), "null");
                            String got = text == null ? "null" : render(col, text);
                            r.values++;
                            if (!want.equals(got)) {
                                String fam = families.get(t.name()).getOrDefault(col.name(), col.name());
                                count(r, "select", fam, limit("select", fam, want, got) != null, "select " + t.name() + "." + col.name() + " [" + fam
                                        + "]: " + abbreviate(got) + ", stream " + abbreviate(want));
                            }
                        }
                    }
                }
                if (seen != expected.size()) {
                    count(r, "select", "row count", false, t.name() + ": " + seen + " rows, stream "
                            + expected.size());
                }
            }
        }
    }

    private static String render(CatalogColumn col, String text) throws Exception {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            col.mapping().converter().writeText(text, g);
        }
        return w.toString();
    }
}
