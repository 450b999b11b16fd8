package io.walscope.core.stream;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/**
 * Writes each change as one JSON line in Walscope's format, with one reusable generator over the given stream
 * (wrap it in a large buffer). {@link #flush()} pushes everything to the stream and flushes it: the reader
 * confirms LSNs only after that.
 * <p>
 * Walscope's line: {@code {"lsn", "commit_lsn", "xid", "commit_ts", "op", "schema", "table", "key", "before",
 * "after", "unchanged_toast"}}, plus {@code "message": {"prefix", "content", "transactional"}} for messages and
 * {@code "truncate": {"cascade", "restart_identity"}} for truncates (null where the plugin does not tell). Unknown LSNs, xids and times are null.
 * Debezium's records are {@link io.walscope.core.debezium.DebeziumWriter}'s.
 */
public final class JsonLinesWriter implements ChangeListener, AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).rootValueSeparator((String) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    // field names encoded once (jsonl's fixed fields)
    private static final SerializedString F_LSN = new SerializedString("lsn");
    private static final SerializedString F_COMMIT_LSN = new SerializedString("commit_lsn");
    private static final SerializedString F_XID = new SerializedString("xid");
    private static final SerializedString F_COMMIT_TS = new SerializedString("commit_ts");
    private static final SerializedString F_OP = new SerializedString("op");
    private static final SerializedString F_SCHEMA = new SerializedString("schema");
    private static final SerializedString F_TABLE = new SerializedString("table");
    private static final SerializedString F_KEY = new SerializedString("key");
    private static final SerializedString F_BEFORE = new SerializedString("before");
    private static final SerializedString F_AFTER = new SerializedString("after");
    private static final SerializedString F_UNCHANGED_TOAST = new SerializedString("unchanged_toast");

    private static final SerializedString[] OPS = java.util.Arrays.stream(Op.values())
            .map(o -> new SerializedString(o.json())).toArray(SerializedString[]::new);

    private final OutputStream out;
    private final JsonGenerator g;
    private final char[] lsnBuf = new char[20];
    private long events;
    private long transactions;

    /** A writer of Walscope's lines to {@code out}. */
    public JsonLinesWriter(OutputStream out) throws IOException {
        this.out = out;
        this.g = FACTORY.createGenerator(out);
    }

    @Override
    public void change(ChangeEvent e) throws IOException {
        writeJsonl(e);
        g.writeRaw('\n');
        events++;
    }

    @Override
    public void commit(Transaction tx) {
        transactions++;
    }

    private void writeJsonl(ChangeEvent e) throws IOException {
        JsonGenerator g = this.g;
        Transaction tx = e.tx();
        g.writeStartObject();
        g.writeFieldName(F_LSN);
        writeLsn(e.lsn());
        g.writeFieldName(F_COMMIT_LSN);
        writeLsn(tx == null ? Lsn.INVALID : tx.commitLsn());
        g.writeFieldName(F_XID);
        if (tx == null || tx.xid() < 0) {
            g.writeNull();
        } else {
            g.writeNumber(tx.xid());
        }
        g.writeFieldName(F_COMMIT_TS);
        String ts = tx == null ? null : tx.commitTs();
        if (ts == null) {
            g.writeNull();
        } else {
            g.writeString(ts);
        }
        g.writeFieldName(F_OP);
        g.writeString(OPS[e.op().ordinal()]);
        g.writeFieldName(F_SCHEMA);
        g.writeString(e.schema());
        g.writeFieldName(F_TABLE);
        g.writeString(e.table());
        g.writeFieldName(F_KEY);
        writeTuple(e.key());
        g.writeFieldName(F_BEFORE);
        writeTuple(e.before());
        g.writeFieldName(F_AFTER);
        writeTuple(e.after());
        g.writeFieldName(F_UNCHANGED_TOAST);
        g.writeStartArray();
        Tuple after = e.after();
        if (after != null) {
            for (int i = 0, n = after.size(); i < n; i++) {
                if (after.state(i) == Tuple.UNCHANGED_TOAST) {
                    g.writeString(after.name(i));
                }
            }
        }
        g.writeEndArray();
        if (e.op() == Op.MESSAGE) {
            g.writeObjectFieldStart("message");
            g.writeStringField("prefix", e.messagePrefix());
            g.writeStringField("content", e.messageText());
            g.writeBooleanField("transactional", e.messageTransactional());
            g.writeEndObject();
        } else if (e.op() == Op.TRUNCATE) {
            g.writeObjectFieldStart("truncate");
            if (e.truncateFlagsKnown()) {
                g.writeBooleanField("cascade", e.truncateCascade());
                g.writeBooleanField("restart_identity", e.truncateRestartIdentity());
            } else {
                // wal2json does not tell them
                g.writeNullField("cascade");
                g.writeNullField("restart_identity");
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void writeLsn(long lsn) throws IOException {
        if (lsn == Lsn.INVALID) {
            g.writeNull();
        } else {
            g.writeString(lsnBuf, 0, Lsn.format(lsn, lsnBuf, 0));
        }
    }

    private void writeTuple(Tuple t) throws IOException {
        if (t == null) {
            g.writeNull();
        } else {
            t.writeObject(g);
        }
    }

    @Override
    public void flush() throws IOException {
        g.flush();
        out.flush();
    }

    /** Changes written. */
    public long events() {
        return events;
    }

    /** Transactions committed. */
    public long transactions() {
        return transactions;
    }

    @Override
    public void close() throws IOException {
        g.flush();
        g.close();
        out.flush();
    }
}
