package io.walscope.core.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.TextTuple;
import io.walscope.core.stream.Tuple;
import io.walscope.core.types.ValueConverter;

/**
 * Writes each row change as one flat {@code JSONEachRow} line for the table's Walscope ClickHouse DDL
 * ({@code walscope types --ddl clickhouse}): the row's columns, {@code _lsn} (UInt64: the WAL position of the
 * change; snapshot rows: the slot's consistent point), {@code _deleted} (0, or 1 for a delete) and, on a shared
 * output, {@code _table} ({@code "schema.table"}, which {@code input_format_skip_unknown_fields=1} ignores). Values
 * are in the form ClickHouse reads for the mapped type ({@link ChCodec}, with its substitutes).
 * <p>
 * {@code _lsn} is the version of {@code ReplacingMergeTree(_lsn)}: the change's own LSN, not its transaction's
 * commit LSN, because three of the four plugins tell the commit LSN only after the transaction's changes, and
 * because two changes of one row in one transaction must not tie. It orders the changes of a row as PostgreSQL
 * committed them: a row's next change waits for the row lock (or the unique index entry) of the transaction before
 * it, so it is written to WAL after that transaction's commit.
 * <ul>
 * <li>insert, update, snapshot read: the new row, {@code _deleted = 0};</li>
 * <li>delete: the old key (or whole old row with REPLICA IDENTITY FULL), {@code _deleted = 1}; other columns take
 * ClickHouse's defaults and are hidden by {@code WHERE _deleted = 0};</li>
 * <li>an update that changes the key: first a delete of the old key, then the new row;</li>
 * <li>a table without primary key (its DDL orders by every column): an update is a delete of the old row (REPLICA
 * IDENTITY FULL sends it) and an insert of the new one;</li>
 * <li>an unchanged TOASTed value: taken from the old row when the stream has it (REPLICA IDENTITY FULL), else read
 * from the table by key ({@link ChTables#current}) — never written as NULL. What is read is the value at reading
 * time: when a later transaction changed it, that later change follows with a higher {@code _lsn}, so the table
 * converges to PostgreSQL's. A row that is gone by then leaves the column out (a later delete hides the row);</li>
 * <li>truncates and logical decoding messages: not written (run TRUNCATE in ClickHouse yourself).</li>
 * </ul>
 */
public final class ClickHouseWriter implements ChangeListener, AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).rootValueSeparator((String) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SerializedString F_LSN = new SerializedString("_lsn");
    private static final SerializedString F_DELETED = new SerializedString("_deleted");
    private static final SerializedString F_TABLE = new SerializedString("_table");

    /** Opens the output of one table (a file per table). */
    public interface Outputs {
        OutputStream open(ChTable table) throws IOException;
    }

    private final ChTables tables;
    private final Unsent unsent;
    private final Outputs outputs;
    private final JsonGenerator shared;
    private final OutputStream sharedOut;
    private final Map<String, TableState> states = new HashMap<>();
    private final List<OutputStream> opened = new ArrayList<>();
    private long rows;

    private ClickHouseWriter(ChTables tables, Outputs outputs, OutputStream sharedOut) throws IOException {
        this.tables = tables;
        this.unsent = new Unsent(tables);
        this.outputs = outputs;
        this.sharedOut = sharedOut;
        this.shared = sharedOut == null ? null : FACTORY.createGenerator(sharedOut);
    }

    /** Every table's rows into one stream, each line with {@code _table}. */
    public static ClickHouseWriter shared(OutputStream out, ChTables tables) throws IOException {
        return new ClickHouseWriter(tables, null, out);
    }

    /** Each table's rows into its own stream (opened on its first row), without {@code _table}. */
    public static ClickHouseWriter perTable(Outputs outputs, ChTables tables) throws IOException {
        return new ClickHouseWriter(tables, outputs, null);
    }

    /** One table's writing state. */
    private static final class TableState {
        final ChTable table;
        final Map<String, Integer> index = new HashMap<>();
        final ChCodec[] codecs;
        final ValueConverter[] convs;
        final boolean[] plain;
        final boolean[] direct;
        final SerializedString[] names;
        final SerializedString qualified;
        final int[] key;
        JsonGenerator g;

        TableState(ChTable t) {
            this.table = t;
            int n = t.columns().size();
            codecs = new ChCodec[n];
            convs = new ValueConverter[n];
            plain = new boolean[n];
            direct = new boolean[n];
            names = new SerializedString[n];
            for (int i = 0; i < n; i++) {
                ChTable.Column c = t.columns().get(i);
                index.put(c.name(), i);
                codecs[i] = ChCodec.of(c.mapping().clickhouse());
                convs[i] = c.mapping().converter();
                plain[i] = codecs[i] instanceof ChCodec.StringCodec && ChCodec.echoes(convs[i]);
                direct[i] = codecs[i].canonical(convs[i], c.mapping().clickhouse());
                names[i] = new SerializedString(c.name());
            }
            key = new int[t.key().size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = index.getOrDefault(t.key().get(i), -1);
            }
            qualified = new SerializedString(t.schema() + "." + t.table());
        }

        // the last row's column names and their indexes: decoders reuse or repeat names row after row
        private String[] lastNames = new String[0];
        private int[] lastIdx = new int[0];

        int column(String name) {
            Integer i = index.get(name);
            return i == null ? -1 : i;
        }

        /** The table column of the row's column {@code j}, or -1; no hashing when the names repeat. */
        int column(Tuple row, int j) {
            String name = row.name(j);
            if (j < lastNames.length) {
                String last = lastNames[j];
                if (last == name || last != null && last.equals(name)) {
                    lastNames[j] = name;
                    return lastIdx[j];
                }
            } else {
                lastNames = java.util.Arrays.copyOf(lastNames, Math.max(j + 1, 2 * lastNames.length));
                lastIdx = java.util.Arrays.copyOf(lastIdx, lastNames.length);
            }
            int c = column(name);
            lastNames[j] = name;
            lastIdx[j] = c;
            return c;
        }
    }

    @Override
    public void change(ChangeEvent e) throws Exception {
        Op op = e.op();
        if (op == Op.MESSAGE || op == Op.TRUNCATE) {
            return;
        }
        Tuple image = op == Op.DELETE ? (e.before() != null ? e.before() : e.key()) : e.after();
        if (image == null) {
            return;
        }
        TableState s = state(e.schema(), e.table(), image);
        if (s == null) {
            return;
        }
        long lsn = e.lsn();
        switch (op) {
        case DELETE:
            row(s, image, null, lsn, true);
            break;
        case UPDATE:
            Tuple before = e.before();
            if (before != null && (s.key.length == 0 || keyChanged(s, before, e.after()))) {
                row(s, s.key.length == 0 ? before : keyOnly(s, before), null, lsn, true);
            }
            row(s, e.after(), before, lsn, false, true);
            break;
        default:
            row(s, image, null, lsn, false);
        }
    }

    /** The table's state; read again when the row has a column the table did not have (it was altered). */
    private TableState state(String schema, String table, Tuple row) throws Exception {
        String k = schema + '\0' + table;
        TableState s = states.get(k);
        if (s != null && knows(s, row)) {
            return s;
        }
        ChTable t = tables.table(schema, table);
        if (t == null) {
            return s;
        }
        TableState fresh = new TableState(t);
        if (s != null) {
            fresh.g = s.g;
        }
        states.put(k, fresh);
        return fresh;
    }

    private static boolean knows(TableState s, Tuple row) {
        for (int i = 0, n = row.size(); i < n; i++) {
            if (s.column(row, i) < 0) {
                return false;
            }
        }
        return true;
    }

    private JsonGenerator generator(TableState s) throws IOException {
        if (shared != null) {
            return shared;
        }
        if (s.g == null) {
            OutputStream out = outputs.open(s.table);
            opened.add(out);
            s.g = FACTORY.createGenerator(out);
        }
        return s.g;
    }

    private static boolean keyChanged(TableState s, Tuple before, Tuple after) {
        for (int k : s.key) {
            String name = s.table.columns().get(k).name();
            int b = before.indexOf(name);
            int a = after.indexOf(name);
            if (b < 0 || a < 0) {
                continue;
            }
            String bt = text(before, b);
            String at = text(after, a);
            if (bt == null ? at != null : !bt.equals(at)) {
                return true;
            }
        }
        return false;
    }

    /** The key columns of an old row (a delete row carries only the key). */
    private static Tuple keyOnly(TableState s, Tuple before) {
        TextTuple t = new TextTuple(true);
        for (int k : s.key) {
            ChTable.Column c = s.table.columns().get(k);
            int i = before.indexOf(c.name());
            if (i >= 0) {
                String v = text(before, i);
                t.add(c.name(), c.mapping().converter(), v, v == null ? Tuple.NULL : Tuple.VALUE);
            }
        }
        return t;
    }

    /** PostgreSQL's text of a value: what the plugin sent, or what the decoder rebuilt; null when neither. */
    static String text(Tuple t, int i) {
        String s = t.text(i);
        if (s == null && t instanceof TextTuple tt) {
            s = tt.value(i);
        }
        return s;
    }

    private void row(TableState s, Tuple image, Tuple before, long lsn, boolean deleted) throws Exception {
        row(s, image, before, lsn, deleted, false);
    }

    /**
     * One row. {@code update}: a column the image lacks (wal2json leaves unchanged TOAST columns out) or marks
     * unchanged is taken from {@code before}, else read from the table, never left to ClickHouse's default.
     */
    private void row(TableState s, Tuple image, Tuple before, long lsn, boolean deleted, boolean update)
            throws Exception {
        JsonGenerator g = generator(s);
        unsent.reset();
        boolean[] seen = update ? new boolean[s.codecs.length] : null;
        g.writeStartObject();
        for (int j = 0, n = image.size(); j < n; j++) {
            int c = s.column(image, j);
            if (c < 0) {
                continue;
            }
            if (seen != null) {
                seen[c] = true;
            }
            int state = image.state(j);
            String text;
            if (state == Tuple.UNCHANGED_TOAST) {
                if (!unsent.find(s.table, image, before, image.name(j))) {
                    continue; // the row is gone: a later delete hides it
                }
                text = unsent.value();
            } else if (state == Tuple.NULL) {
                text = null;
            } else if (s.direct[c]) {
                // the canonical JSON is ClickHouse's form: straight from the plugin's bytes, no text in between
                g.writeFieldName(s.names[c]);
                image.writeValue(j, g);
                continue;
            } else {
                text = text(image, j);
                if (text == null) {
                    g.writeFieldName(s.names[c]);
                    s.codecs[c].node(MAPPER.readTree(canonical(image, j)), g);
                    continue;
                }
            }
            writeValue(s, c, text, g);
        }
        if (seen != null && image.size() < s.codecs.length) {
            for (int c = 0; c < seen.length; c++) {
                if (seen[c]) {
                    continue;
                }
                if (!unsent.find(s.table, image, before, s.table.columns().get(c).name())) {
                    continue;
                }
                String text = unsent.value();
                writeValue(s, c, text, g);
            }
        }
        g.writeFieldName(F_LSN);
        if (lsn >= 0) {
            g.writeNumber(lsn);
        } else {
            g.writeNumber(Long.toUnsignedString(lsn));
        }
        g.writeFieldName(F_DELETED);
        g.writeNumber(deleted ? 1 : 0);
        if (shared != null) {
            g.writeFieldName(F_TABLE);
            g.writeString(s.qualified);
        }
        g.writeEndObject();
        g.writeRaw('\n');
        rows++;
    }

    private static void writeValue(TableState s, int c, String text, JsonGenerator g) throws IOException {
        g.writeFieldName(s.names[c]);
        if (s.plain[c]) {
            ChCodec.writePlain(text, g);
        } else {
            s.codecs[c].write(text, s.convs[c], g);
        }
    }

    /** The canonical JSON of a value the plugin sent in binary (no text). */
    private static String canonical(Tuple t, int i) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter(32);
        try (JsonGenerator r = FACTORY.createGenerator(w)) {
            t.writeValue(i, r);
        }
        return w.toString();
    }

    @Override
    public void flush() throws IOException {
        if (shared != null) {
            shared.flush();
            sharedOut.flush();
        }
        for (TableState s : states.values()) {
            if (s.g != null) {
                s.g.flush();
            }
        }
        for (OutputStream o : opened) {
            o.flush();
        }
    }

    /** Rows written. */
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
