package io.walscope.core.debezium;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;

import io.walscope.core.debezium.Codec.Path;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.Transaction;
import io.walscope.core.stream.Tuple;

/**
 * Writes each change as the record Debezium 3.4's PostgreSQL connector would produce for it, serialized as Kafka
 * Connect's JsonConverter serializes it: one line per record, {@code {"schema": ..., "payload": ...}} (or the
 * payload alone without schemas), or {@code {"key": ..., "value": ...}} with keys, a tombstone
 * {@code {"key": ..., "value": null}} after each delete. Schemas and values follow Debezium's value converter
 * ({@link Codecs}); the {@code source} block its PostgreSQL source info ({@code sequence} is
 * {@code [last commit LSN, LSN]}); snapshot rows are marked {@code first}, {@code first_in_data_collection},
 * {@code true}, {@code last_in_data_collection}, {@code last} as Debezium marks them (one row is held back to know
 * whether it is the last of its table); an update that changes the key is a delete, a tombstone and a create;
 * truncates are skipped unless asked for; logical decoding messages are written only when asked for, as
 * Debezium's {@code <prefix>.message} records. Timestamp-polling rows are Debezium's incremental-snapshot reads.
 * <p>
 * Tables are looked up in {@link TableShapes} the first time they are seen and again when their columns change.
 */
public final class DebeziumWriter implements ChangeListener, AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().rootValueSeparator((String) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private static final SerializedString SCHEMA = new SerializedString("schema");
    private static final SerializedString PAYLOAD = new SerializedString("payload");

    private final OutputStream out;
    private final JsonGenerator g;
    private final DebeziumOptions o;
    private final TableShapes shapes;
    private final Map<String, TableCodec> tables = new HashMap<>();
    private final ConnectSchema messageValue;
    private final SerializedString messageValueJson;
    private final SerializedString messageKeyJson;
    private long lastCommitLsn = -1;
    private Instant lastTs;
    // the snapshot
    private boolean inSnapshot;
    private long snapshotXid = -1;
    private List<String> snapshotTables;
    private Instant snapshotTs;
    private String lastReadTable;
    private Pending pending;

    /** A snapshot row held back until the next one tells whether it was the last of its table. */
    private record Pending(TableCodec t, ConnectJson.Struct row, ConnectJson.Struct key, long lsn, String table,
            boolean firstInTable) {
    }

    public DebeziumWriter(OutputStream out, DebeziumOptions options, TableShapes shapes) throws IOException {
        this.out = out;
        this.o = options;
        this.shapes = shapes;
        this.g = FACTORY.createGenerator(out);
        this.messageValue = Sources.messageValue(o.binary());
        this.messageValueJson = new SerializedString(TableCodec.json(messageValue));
        this.messageKeyJson = new SerializedString(TableCodec.json(Sources.MESSAGE_KEY));
    }

    /** Tables Debezium never captures: PostGIS's {@code spatial_ref_sys}, in whatever schema. */
    static boolean systemTable(String table) {
        return "spatial_ref_sys".equalsIgnoreCase(table);
    }

    @Override
    public void snapshotStart(long xid, List<String> tableNames) {
        inSnapshot = true;
        snapshotXid = xid;
        snapshotTables = tableNames.stream().filter(n -> !systemTable(n.substring(n.lastIndexOf('.') + 1)))
                .toList();
        snapshotTs = Instant.now();
        lastReadTable = null;
    }

    @Override
    public void snapshotEnd() throws IOException {
        if (pending != null) {
            writeRead(pending, "last");
            pending = null;
        }
        inSnapshot = false;
    }

    @Override
    public void commit(Transaction tx) {
        lastCommitLsn = tx.endLsn();
    }

    @Override
    public void change(ChangeEvent e) throws Exception {
        if (e.op() != Op.MESSAGE && systemTable(e.table())) {
            return;
        }
        switch (e.op()) {
        case READ:
            read(e);
            return;
        case MESSAGE:
            message(e);
            return;
        case TRUNCATE:
            if (!o.skipped().contains(Op.TRUNCATE)) {
                TableCodec t = table(e.schema(), e.table(), null, name -> false);
                if (t != null) {
                    record(t, "t", null, null, null, source(e, t, "false"));
                }
            }
            return;
        default:
            row(e);
        }
    }

    private void row(ChangeEvent e) throws Exception {
        Tuple image = e.op() == Op.DELETE ? e.before() : e.after();
        TableCodec t = table(e.schema(), e.table(), e.op() == Op.DELETE ? null : e.after(),
                name -> image.indexOf(name) >= 0);
        if (t == null) {
            return;
        }
        ConnectJson.Struct before = e.before() == null ? null : t.row(e.before(), Path.STREAM);
        ConnectJson.Struct after = e.after() == null ? null : t.row(e.after(), Path.STREAM);
        ConnectJson.Struct src = source(e, t, "false");
        switch (e.op()) {
        case INSERT:
            record(t, "c", null, after, t.key(after), src);
            break;
        case DELETE:
            delete(t, before, src);
            break;
        default:
            ConnectJson.Struct oldKey = before == null ? null : t.key(before);
            ConnectJson.Struct newKey = t.key(after);
            if (oldKey == null || TableCodec.sameKey(oldKey, newKey)) {
                record(t, "u", before, after, newKey, src);
            } else {
                // a changed key: Debezium writes a delete under the old key and a create under the new one (each
                // skipped only by its own operation)
                delete(t, before, src);
                record(t, "c", null, after, newKey, src);
            }
        }
    }

    private void delete(TableCodec t, ConnectJson.Struct before, ConnectJson.Struct src) throws IOException {
        if (o.skipped().contains(Op.DELETE)) {
            return;
        }
        ConnectJson.Struct key = t.key(before);
        record(t, "d", before, null, key, src);
        if (o.withKey()) {
            g.writeStartObject();
            g.writeFieldName("key");
            writeKey(t, key);
            g.writeFieldName("value");
            g.writeNull();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private void read(ChangeEvent e) throws Exception {
        TableCodec t = table(e.schema(), e.table(), e.after(), null);
        if (t == null) {
            return;
        }
        ConnectJson.Struct row = t.row(e.after(), Path.SNAPSHOT);
        if (!inSnapshot) {
            // timestamp polling: like Debezium's incremental snapshot reads
            Instant now = Instant.now();
            record(t, "r", null, row, t.key(row), sourceStruct(t, now, "incremental", null, null, null));
            return;
        }
        String name = e.schema() + "." + e.table();
        boolean first = !name.equals(lastReadTable);
        if (snapshotTables == null && lastReadTable == null) {
            snapshotTables = List.of(name);
        }
        lastReadTable = name;
        if (pending != null) {
            writeRead(pending, marker(pending, !pending.table.equals(name)));
        }
        pending = new Pending(t, row, t.key(row), e.lsn(), name, first);
    }

    /** Debezium's snapshot marker of a row that is not the snapshot's last. */
    private String marker(Pending p, boolean lastInTable) {
        boolean firstTable = snapshotTables != null && !snapshotTables.isEmpty() && snapshotTables.get(0).equals(p.table);
        boolean lastTable = snapshotTables != null && !snapshotTables.isEmpty()
                && snapshotTables.get(snapshotTables.size() - 1).equals(p.table);
        if (lastInTable && lastTable) {
            return "last";
        }
        if (p.firstInTable && firstTable) {
            return "first";
        }
        if (lastInTable) {
            return "last_in_data_collection";
        }
        return p.firstInTable ? "first_in_data_collection" : "true";
    }

    private void writeRead(Pending p, String marker) throws IOException {
        ConnectJson.Struct src = sourceStruct(p.t, snapshotTs, marker, snapshotXid < 0 ? null : snapshotXid, p.lsn,
                "[null,\"" + p.lsn + "\"]");
        record(p.t, "r", null, p.row, p.key, src);
    }

    private void message(ChangeEvent e) throws IOException {
        Transaction tx = e.tx();
        if (tx == null) {
            lastCommitLsn = e.lsn(); // Debezium commits a non-transactional message's LSN before it writes it
        }
        Instant ts = tx == null || tx.commitTimeMicros() == Transaction.UNKNOWN_TIME ? lastTs : instant(tx);
        if (ts == null) {
            ts = Instant.now();
        }
        lastTs = ts;
        if (!o.messages()) {
            return;
        }
        Object[] s = {Sources.VERSION, "postgresql", o.topicPrefix(), ts.toEpochMilli(), "false", o.database(),
                sequence(e.lsn()), micros(ts), nanos(ts), "", "", tx == null || tx.xid() < 0 ? null : tx.xid(), e.lsn(),
                null};
        ConnectJson.Struct src = new ConnectJson.Struct(Sources.SOURCE, s);
        Object content = Codecs.binary(e.messageContent(), o.binary());
        ConnectSchema block = messageValue.fields.get(4).schema();
        Object[] v = {"m", Instant.now().toEpochMilli(), src, null,
                new ConnectJson.Struct(block, new Object[] {e.messagePrefix(), content})};
        if (o.withKey()) {
            g.writeStartObject();
            g.writeFieldName("key");
            envelope(messageKeyJson, Sources.MESSAGE_KEY,
                    new ConnectJson.Struct(Sources.MESSAGE_KEY, new Object[] {e.messagePrefix()}));
            g.writeFieldName("value");
        }
        envelope(messageValueJson, messageValue, new ConnectJson.Struct(messageValue, v));
        if (o.withKey()) {
            g.writeEndObject();
        }
        g.writeRaw('\n');
    }

    private ConnectJson.Struct source(ChangeEvent e, TableCodec t, String snapshot) {
        Transaction tx = e.tx();
        Instant ts = tx == null || tx.commitTimeMicros() == Transaction.UNKNOWN_TIME ? null : instant(tx);
        if (ts == null) {
            ts = lastTs != null ? lastTs : Instant.now();
        }
        lastTs = ts;
        return sourceStruct(t, ts, snapshot, tx == null || tx.xid() < 0 ? null : tx.xid(), e.lsn(), sequence(e.lsn()));
    }

    private ConnectJson.Struct sourceStruct(TableCodec t, Instant ts, String snapshot, Long txId, Long lsn,
            String sequence) {
        Object[] s = {Sources.VERSION, "postgresql", o.topicPrefix(), ts.toEpochMilli(), snapshot, o.database(),
                sequence, micros(ts), nanos(ts), t.shape.schema(), t.shape.table(), txId, lsn, null};
        return new ConnectJson.Struct(Sources.SOURCE, s);
    }

    private String sequence(long lsn) {
        return "[" + (lastCommitLsn < 0 ? "null" : "\"" + lastCommitLsn + "\"") + ",\"" + lsn + "\"]";
    }

    private static Instant instant(Transaction tx) {
        long us = tx.commitTimeMicros();
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** One record line. */
    private void record(TableCodec t, String op, ConnectJson.Struct before, ConnectJson.Struct after,
            ConnectJson.Struct key, ConnectJson.Struct src) throws IOException {
        if (op.equals("c") && o.skipped().contains(Op.INSERT) || op.equals("u") && o.skipped().contains(Op.UPDATE)) {
            return;
        }
        if (o.withKey()) {
            g.writeStartObject();
            g.writeFieldName("key");
            writeKey(t, op.equals("t") ? null : key);
            g.writeFieldName("value");
        }
        Instant now = Instant.now();
        Object[] v = {before, after, src, null, op, now.toEpochMilli(), micros(now), nanos(now)};
        envelope(t.envelopeJson, t.envelope, new ConnectJson.Struct(t.envelope, v));
        if (o.withKey()) {
            g.writeEndObject();
        }
        g.writeRaw('\n');
    }

    private void writeKey(TableCodec t, ConnectJson.Struct key) throws IOException {
        if (t.key == null || key == null) {
            g.writeNull();
            return;
        }
        envelope(t.keyJson, t.key, key);
    }

    /** JsonConverter's form: {@code {"schema", "payload"}} with schemas, else the payload alone. */
    private void envelope(SerializedString schemaJson, ConnectSchema schema, Object value) throws IOException {
        if (o.schemas()) {
            g.writeStartObject();
            g.writeFieldName(SCHEMA);
            g.writeRawValue(schemaJson);
            g.writeFieldName(PAYLOAD);
            ConnectJson.write(schema, value, g);
            g.writeEndObject();
        } else {
            ConnectJson.write(schema, value, g);
        }
    }

    /**
     * The table's codec; read again when a row's columns differ from it (the table changed, or a streamed row has no
     * generated columns where the snapshot's had). Null for a table that vanished before it was ever seen.
     */
    private TableCodec table(String schema, String table, Tuple row, java.util.function.Predicate<String> streamed)
            throws Exception {
        String k = schema + '\0' + table;
        TableCodec t = tables.get(k);
        if (t != null && (row == null || t.matches(row))) {
            return t;
        }
        TableShape s = shapes.shape(schema, table);
        if (s == null) {
            return t;
        }
        t = new TableCodec(s, o, streamed);
        tables.put(k, t);
        return t;
    }

    @Override
    public void flush() throws IOException {
        g.flush();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        snapshotEnd();
        g.flush();
        g.close();
        out.flush();
    }
}
