package io.walscope.core.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * Decodes wal2json, format-version 2 (one JSON object per begin, change, commit, message; truncates) and
 * format-version 1 (one JSON object per transaction with a {@code change} array, read as a stream so no tree of
 * the transaction is built). Expects {@code include-xids}, {@code include-timestamp}, {@code include-lsn} (for the
 * commit LSN of a version 1 transaction) and {@code include-type-oids}. The key comes from the catalog
 * ({@link #setKeyColumns}); a {@code pk} that {@code include-pk} adds is used when present.
 * <p>
 * Values arrive as JSON strings, numbers and booleans; they are turned back into PostgreSQL's text and go through
 * the same converters as every other plugin. Unquoted {@code NaN}/{@code Infinity} (numerics without
 * {@code numeric-data-types-as-string}) are accepted, but wal2json 2.5 prints a numeric NaN as {@code null}, which
 * cannot be told from NULL; bytea comes without its {@code \x}, which is put back. wal2json leaves unchanged
 * TOAST columns out: with
 * REPLICA IDENTITY FULL they are named from the old row, otherwise they cannot be known.
 * <p>
 * Both versions read a change's fields through one path (a version 2 record and a version 1 {@code change} item
 * differ only in field names) into reused column arrays; names, types and table names come from a pool instead
 * of a new String per message.
 */
public final class Wal2JsonDecoder extends TextDecoder {
    /**
     * PostgreSQL's limits are the only ones: a numeric has up to 131072 digits before the point and 16383 after,
     * a value up to 1 GB (Jackson's defaults stop at 1000 digits and 20,000,000 characters).
     */
    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE).maxNestingDepth(100_000).maxDocumentLength(-1)
                    .maxNameLength(Integer.MAX_VALUE).build())
            .build();

    private final int version;
    private final TextPool pool = new TextPool();
    private final Wal2JsonColumns newCols = new Wal2JsonColumns();
    private final Wal2JsonColumns oldCols = new Wal2JsonColumns();
    private final List<String> pk = new ArrayList<>();

    // the fields of the change being read
    private char action;
    private String actionText;
    private long xid;
    private long ts;
    private long recLsn;
    private long nextLsn;
    private String schema;
    private String table;
    private String prefix;
    private String content;
    private boolean transactional;
    private boolean hasNew;
    private boolean hasOld;
    private boolean hasPk;

    /** A decoder of {@code format-version} 1 or 2. */
    public Wal2JsonDecoder(int version) {
        super(true);
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("wal2json format-version must be 1 or 2");
        }
        this.version = version;
    }

    @Override
    public void decode(long lsn, ByteBuffer msg, ChangeListener l) throws Exception {
        byte[] a;
        int off;
        int len = msg.remaining();
        if (msg.hasArray()) {
            a = msg.array();
            off = msg.arrayOffset() + msg.position();
        } else {
            a = new byte[len];
            msg.duplicate().get(a);
            off = 0;
        }
        schema = null;
        table = null;
        try {
            if (version == 1) {
                // a version 1 transaction is delivered while it is read: read it through once first, so a
                // message that cannot be read never leaves a partial transaction with the listener
                try (JsonParser v = JSON.createParser(a, off, len)) {
                    for (JsonToken t; (t = v.nextToken()) != null;) {
                        if (t == JsonToken.FIELD_NAME && v.getTextLength() <= 6) {
                            String f = v.currentName();
                            if (f.equals("schema") || f.equals("table")) {
                                String val = v.nextToken() == JsonToken.VALUE_STRING ? v.getText() : null;
                                if (f.equals("schema")) {
                                    schema = val;
                                } else {
                                    table = val;
                                }
                            }
                        }
                    }
                }
            }
            decode(lsn, JSON.createParser(a, off, len), l);
        } catch (IOException e) {
            if (e instanceof WalscopeDecodeException) {
                throw e;
            }
            throw new WalscopeDecodeException("wal2json message at " + Lsn.format(lsn)
                    + (table != null ? " (table " + (schema != null ? schema + "." : "") + table + ")" : "")
                    + " could not be read: " + e.getMessage(), e);
        }
    }

    private void decode(long lsn, JsonParser p, ChangeListener l) throws Exception {
        try (p) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("wal2json sent something that is not a JSON object");
            }
            if (version == 2) {
                record(lsn, p, l);
            } else {
                transaction(lsn, p, l);
            }
        }
    }

    /** Decodes one JSON text (tests). */
    public void decode(long lsn, String json, ChangeListener l) throws Exception {
        decode(lsn, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), l);
    }

    private String lastTsText;
    private long lastTs;

    /** Every record of a transaction repeats its commit time: parse it once, compared without a new String. */
    private long timestamp(JsonParser p) throws IOException {
        if (lastTsText == null
                || !TextPool.same(lastTsText, p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
            lastTsText = p.getText();
            lastTs = Times.parsePgTimestamptz(lastTsText);
        }
        return lastTs;
    }

    private static long lsn(JsonParser p) throws IOException {
        return Lsn.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    // ---- format-version 2: one record per message ----

    private void record(long lsn, JsonParser p, ChangeListener l) throws Exception {
        fields(p);
        switch (action) {
        case 0:
            throw new IOException("wal2json record without an action: is format-version 2 set?");
        case 'B':
            tx.begin(xid, nextLsn != Lsn.INVALID ? recLsn : Lsn.INVALID, ts);
            inTx = true;
            l.begin(tx);
            break;
        case 'C':
            tx.commit(Lsn.INVALID, nextLsn != Lsn.INVALID ? nextLsn : lsn, ts);
            inTx = false;
            l.commit(tx);
            break;
        default:
            change(lsn, l);
        }
    }

    // ---- format-version 1: one object per transaction, its changes streamed ----

    private void transaction(long lsn, JsonParser p, ChangeListener l) throws Exception {
        long txXid = -1;
        long txTs = Transaction.UNKNOWN_TIME;
        long txNext = Lsn.INVALID;
        boolean begun = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
            case "xid":
                txXid = p.getLongValue();
                break;
            case "nextlsn":
                txNext = lsn(p);
                break;
            case "timestamp":
                txTs = timestamp(p);
                break;
            case "change":
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    if (!begun) {
                        tx.begin(txXid, Lsn.INVALID, txTs);
                        inTx = true;
                        l.begin(tx);
                        begun = true;
                    }
                    fields(p);
                    change(lsn, l);
                }
                break;
            default:
                p.skipChildren();
            }
        }
        if (!begun && txXid >= 0) {
            tx.begin(txXid, Lsn.INVALID, txTs);
            inTx = true;
            l.begin(tx);
            begun = true;
        }
        if (begun) {
            tx.commit(Lsn.INVALID, txNext != Lsn.INVALID ? txNext : lsn, txTs);
            inTx = false;
            l.commit(tx);
        }
    }

    // ---- one path for both versions ----

    /** Reads the fields of a version 2 record or a version 1 change item. */
    private void fields(JsonParser p) throws IOException {
        action = 0;
        actionText = null;
        xid = -1;
        ts = Transaction.UNKNOWN_TIME;
        recLsn = Lsn.INVALID;
        nextLsn = Lsn.INVALID;
        schema = null;
        table = null;
        prefix = null;
        content = null;
        transactional = false;
        hasNew = false;
        hasOld = false;
        hasPk = false;
        newCols.clear();
        oldCols.clear();
        pk.clear();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
            case "action": // version 2: B I U D T M C
            case "kind": // version 1: insert update delete message
                actionText = pool.of(p);
                action = actionText.isEmpty() ? '?' : Character.toUpperCase(actionText.charAt(0));
                break;
            case "xid":
                xid = p.getLongValue();
                break;
            case "timestamp":
                ts = timestamp(p);
                break;
            case "lsn":
                recLsn = lsn(p);
                break;
            case "nextlsn":
                nextLsn = lsn(p);
                break;
            case "schema":
                schema = pool.of(p);
                break;
            case "table":
                table = pool.of(p);
                break;
            case "columns":
            case "columnnames":
            case "columntypes":
            case "columntypeoids":
            case "columnvalues":
                hasNew = true;
                newCols.read(p, f, pool);
                break;
            case "identity":
                hasOld = true;
                oldCols.read(p, f, pool);
                break;
            case "oldkeys": // version 1: {"keynames": [...], "keytypes": [...], "keytypeoids": [...], "keyvalues": [...]}
                hasOld = true;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    oldCols.read(p, k, pool);
                }
                break;
            case "pk":
                hasPk = true;
                primaryKey(p, t);
                break;
            case "transactional":
                transactional = t == JsonToken.VALUE_TRUE;
                break;
            case "prefix":
                prefix = p.getText();
                break;
            case "content":
                content = p.getText();
                break;
            default:
                p.skipChildren();
            }
        }
    }

    /** Version 2's {@code [{"name": ...}, ...]} or version 1's {@code {"pknames": [...], ...}}. */
    private void primaryKey(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    if (k.equals("name")) {
                        pk.add(pool.of(p));
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } else if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY && k.equals("pknames")) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        pk.add(pool.of(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    /** Delivers the change just read. */
    private void change(long lsn, ChangeListener l) throws Exception {
        long at = recLsn != Lsn.INVALID ? recLsn : lsn;
        newCols.fill(newTuple.clear(), converters);
        oldCols.fill(oldTuple.clear(), converters);
        switch (action) {
        case 'I':
            deliver(l, event.row(Op.INSERT, at, tx, schema, table, key(newTuple), null, newTuple));
            break;
        case 'U':
            if (hasOld && hasNew) {
                newTuple.addMissingAsUnchanged(oldTuple);
                newTuple.fillUnchangedFrom(oldTuple);
            }
            deliver(l, event.row(Op.UPDATE, at, tx, schema, table, key(newTuple), hasOld ? oldTuple : null,
                    newTuple));
            break;
        case 'D':
            deliver(l, event.row(Op.DELETE, at, tx, schema, table, key(oldTuple), hasOld ? oldTuple : null, null));
            break;
        case 'T':
            deliver(l, event.truncateFlagsUnknown(at, tx, schema, table));
            break;
        case 'M': {
            byte[] c = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
            if (transactional && inTx) {
                deliver(l, event.message(at, tx, true, prefix, c));
            } else {
                l.change(event.message(at, null, false, prefix, c));
            }
            break;
        }
        default:
            throw new IOException("wal2json sent a change Walscope does not know: " + actionText);
        }
    }

    private Tuple key(TextTuple t) {
        return keyOf(hasPk && !pk.isEmpty() ? pk : keyColumns(schema, table), t);
    }
}
