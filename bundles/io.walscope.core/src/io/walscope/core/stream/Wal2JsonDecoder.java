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
import com.fasterxml.jackson.core.json.JsonReadFeature;

import io.walscope.core.types.ValueConverter;

/**
 * Decodes wal2json, format-version 2 (one JSON object per begin, change, commit, message; truncates) and
 * format-version 1 (one JSON object per transaction with a {@code change} array, read as a stream so no tree of
 * the transaction is built). Expects {@code include-xids}, {@code include-timestamp}, {@code include-lsn} (for the
 * commit LSN of a version 1 transaction) and {@code include-type-oids}; {@code include-pk} gives the key.
 * <p>
 * Values arrive as JSON strings, numbers and booleans; they are turned back into PostgreSQL's text and go through
 * the same converters as every other plugin. Unquoted {@code NaN}/{@code Infinity} (numerics without
 * {@code numeric-data-types-as-string}) are accepted, but wal2json 2.5 prints a numeric NaN as {@code null}, which
 * cannot be told from NULL; bytea comes without its {@code \x}, which is put back. wal2json leaves unchanged
 * TOAST columns out: with
 * REPLICA IDENTITY FULL they are named from the old row, otherwise they cannot be known.
 */
public final class Wal2JsonDecoder extends TextDecoder {
    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final int version;
    private final List<String> pk = new ArrayList<>();

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
        JsonParser p;
        if (msg.hasArray()) {
            p = JSON.createParser(msg.array(), msg.arrayOffset() + msg.position(), msg.remaining());
        } else {
            byte[] b = new byte[msg.remaining()];
            msg.duplicate().get(b);
            p = JSON.createParser(b);
        }
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

    /** Every record of a transaction repeats its commit time: parse it once. */
    private long timestamp(String text) {
        if (!text.equals(lastTsText)) {
            lastTs = Times.parsePgTimestamptz(text);
            lastTsText = text;
        }
        return lastTs;
    }

    // ---- format-version 2 ----

    private void record(long lsn, JsonParser p, ChangeListener l) throws Exception {
        String action = null;
        long xid = -1;
        long ts = Transaction.UNKNOWN_TIME;
        long recLsn = Lsn.INVALID;
        long nextLsn = Lsn.INVALID;
        String schema = null;
        String table = null;
        String prefix = null;
        String content = null;
        boolean transactional = false;
        boolean hasNew = false;
        boolean hasOld = false;
        pk.clear();
        boolean hasPk = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.getCurrentName();
            JsonToken t = p.nextToken();
            switch (f) {
            case "action":
                action = p.getText();
                break;
            case "xid":
                xid = p.getLongValue();
                break;
            case "timestamp":
                ts = timestamp(p.getText());
                break;
            case "lsn":
                recLsn = Lsn.parse(p.getText());
                break;
            case "nextlsn":
                nextLsn = Lsn.parse(p.getText());
                break;
            case "schema":
                schema = p.getText();
                break;
            case "table":
                table = p.getText();
                break;
            case "columns":
                columnsV2(p, newTuple.clear());
                hasNew = true;
                break;
            case "identity":
                columnsV2(p, oldTuple.clear());
                hasOld = true;
                break;
            case "pk":
                hasPk = true;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.getCurrentName();
                        p.nextToken();
                        if (k.equals("name")) {
                            pk.add(p.getText());
                        }
                    }
                }
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
        if (action == null) {
            throw new IOException("wal2json record without an action: is format-version 2 set?");
        }
        long changeLsn = recLsn != Lsn.INVALID ? recLsn : lsn;
        switch (action) {
        case "B":
            tx.begin(xid, nextLsn != Lsn.INVALID ? recLsn : Lsn.INVALID, ts);
            inTx = true;
            l.begin(tx);
            break;
        case "C":
            tx.commit(Lsn.INVALID, nextLsn != Lsn.INVALID ? nextLsn : lsn, ts);
            inTx = false;
            l.commit(tx);
            break;
        case "I":
            deliver(l, event.row(Op.INSERT, changeLsn, tx, schema, table, key(schema, table, newTuple, hasPk), null,
                    newTuple));
            break;
        case "U":
            if (hasOld && hasNew) {
                newTuple.addMissingAsUnchanged(oldTuple);
                newTuple.fillUnchangedFrom(oldTuple);
            }
            deliver(l, event.row(Op.UPDATE, changeLsn, tx, schema, table, key(schema, table, newTuple, hasPk),
                    hasOld ? oldTuple : null, newTuple));
            break;
        case "D":
            deliver(l, event.row(Op.DELETE, changeLsn, tx, schema, table, key(schema, table, oldTuple, hasPk),
                    hasOld ? oldTuple : null, null));
            break;
        case "T":
            deliver(l, event.truncate(changeLsn, tx, schema, table, false, false));
            break;
        case "M": {
            byte[] c = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
            if (transactional && inTx) {
                deliver(l, event.message(changeLsn, tx, true, prefix, c));
            } else {
                l.change(event.message(changeLsn, null, false, prefix, c));
            }
            break;
        }
        default:
            throw new IOException("wal2json sent an action Walscope does not know: " + action);
        }
    }

    private void columnsV2(JsonParser p, TextTuple t) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            String type = null;
            int oid = 0;
            String value = null;
            int state = Tuple.NULL;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.getCurrentName();
                JsonToken v = p.nextToken();
                switch (k) {
                case "name":
                    name = p.getText();
                    break;
                case "type":
                    type = p.getText();
                    break;
                case "typeoid":
                    oid = p.getIntValue();
                    break;
                case "value":
                    value = text(p, v);
                    state = value == null ? Tuple.NULL : Tuple.VALUE;
                    break;
                default:
                    p.skipChildren();
                }
            }
            t.add(name, converter(oid, type), bytea(oid, type, value), state);
        }
    }

    /** wal2json prints bytea as hex without the {@code \x} of PostgreSQL's output: put it back. */
    private static String bytea(int oid, String type, String value) {
        if (value != null && (oid == 17 || oid == 0 && "bytea".equals(type)) && !value.startsWith("\\x")) {
            return "\\x" + value;
        }
        return value;
    }

    // ---- format-version 1 ----

    private void transaction(long lsn, JsonParser p, ChangeListener l) throws Exception {
        long xid = -1;
        long ts = Transaction.UNKNOWN_TIME;
        long nextLsn = Lsn.INVALID;
        boolean begun = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.getCurrentName();
            p.nextToken();
            switch (f) {
            case "xid":
                xid = p.getLongValue();
                break;
            case "nextlsn":
                nextLsn = Lsn.parse(p.getText());
                break;
            case "timestamp":
                ts = timestamp(p.getText());
                break;
            case "change":
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    if (!begun) {
                        tx.begin(xid, Lsn.INVALID, ts);
                        inTx = true;
                        l.begin(tx);
                        begun = true;
                    }
                    changeV1(lsn, p, l);
                }
                break;
            default:
                p.skipChildren();
            }
        }
        if (!begun && xid >= 0) {
            tx.begin(xid, Lsn.INVALID, ts);
            inTx = true;
            l.begin(tx);
            begun = true;
        }
        if (begun) {
            tx.commit(Lsn.INVALID, nextLsn != Lsn.INVALID ? nextLsn : lsn, ts);
            inTx = false;
            l.commit(tx);
        }
    }

    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<Integer> oids = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private final List<String> keyNames = new ArrayList<>();
    private final List<String> keyTypes = new ArrayList<>();
    private final List<Integer> keyOids = new ArrayList<>();
    private final List<String> keyValues = new ArrayList<>();

    private void changeV1(long lsn, JsonParser p, ChangeListener l) throws Exception {
        String kind = null;
        String schema = null;
        String table = null;
        String prefix = null;
        String content = null;
        boolean transactional = false;
        boolean hasOld = false;
        names.clear();
        types.clear();
        oids.clear();
        values.clear();
        keyNames.clear();
        keyTypes.clear();
        keyOids.clear();
        keyValues.clear();
        pk.clear();
        boolean hasPk = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.getCurrentName();
            JsonToken t = p.nextToken();
            switch (f) {
            case "kind":
                kind = p.getText();
                break;
            case "schema":
                schema = p.getText();
                break;
            case "table":
                table = p.getText();
                break;
            case "columnnames":
                strings(p, names);
                break;
            case "columntypes":
                strings(p, types);
                break;
            case "columntypeoids":
                ints(p, oids);
                break;
            case "columnvalues":
                values(p, values);
                break;
            case "oldkeys":
                hasOld = true;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.getCurrentName();
                    p.nextToken();
                    switch (k) {
                    case "keynames":
                        strings(p, keyNames);
                        break;
                    case "keytypes":
                        strings(p, keyTypes);
                        break;
                    case "keytypeoids":
                        ints(p, keyOids);
                        break;
                    case "keyvalues":
                        values(p, keyValues);
                        break;
                    default:
                        p.skipChildren();
                    }
                }
                break;
            case "pk":
                hasPk = true;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.getCurrentName();
                    p.nextToken();
                    if (k.equals("pknames")) {
                        strings(p, pk);
                    } else {
                        p.skipChildren();
                    }
                }
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
        fill(newTuple.clear(), names, types, oids, values);
        fill(oldTuple.clear(), keyNames, keyTypes, keyOids, keyValues);
        switch (kind == null ? "" : kind) {
        case "insert":
            deliver(l, event.row(Op.INSERT, lsn, tx, schema, table, key(schema, table, newTuple, hasPk), null,
                    newTuple));
            break;
        case "update":
            if (hasOld && oldTuple.size() > newTuple.size()) {
                newTuple.addMissingAsUnchanged(oldTuple);
                newTuple.fillUnchangedFrom(oldTuple);
            }
            deliver(l, event.row(Op.UPDATE, lsn, tx, schema, table, key(schema, table, newTuple, hasPk),
                    hasOld ? oldTuple : null, newTuple));
            break;
        case "delete":
            deliver(l, event.row(Op.DELETE, lsn, tx, schema, table, key(schema, table, oldTuple, hasPk),
                    hasOld ? oldTuple : null, null));
            break;
        case "message": {
            byte[] c = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
            if (transactional) {
                deliver(l, event.message(lsn, tx, true, prefix, c));
            } else {
                l.change(event.message(lsn, null, false, prefix, c));
            }
            break;
        }
        default:
            throw new IOException("wal2json sent a change of kind Walscope does not know: " + kind);
        }
    }

    private void fill(TextTuple t, List<String> n, List<String> ty, List<Integer> o, List<String> v) {
        for (int i = 0; i < n.size(); i++) {
            int oid = i < o.size() ? o.get(i) : 0;
            String type = i < ty.size() ? ty.get(i) : null;
            String value = bytea(oid, type, i < v.size() ? v.get(i) : null);
            t.add(n.get(i), converter(oid, type), value,
                    value == null ? Tuple.NULL : Tuple.VALUE);
        }
    }

    private static void strings(JsonParser p, List<String> out) throws IOException {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getText());
        }
    }

    private static void ints(JsonParser p, List<Integer> out) throws IOException {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getIntValue());
        }
    }

    private static void values(JsonParser p, List<String> out) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(text(p, t));
        }
    }

    /** PostgreSQL's text of a wal2json value. */
    private static String text(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
        case VALUE_NULL:
            return null;
        case VALUE_TRUE:
            return "t";
        case VALUE_FALSE:
            return "f";
        case START_OBJECT:
        case START_ARRAY:
            p.skipChildren();
            return null;
        default:
            return p.getText();
        }
    }

    private ValueConverter converter(int oid, String type) {
        if (oid != 0) {
            return converters.forOid(oid, -1);
        }
        return type == null ? null : converters.forName(type);
    }

    private Tuple key(String schema, String table, TextTuple t, boolean hasPk) {
        return keyOf(hasPk && !pk.isEmpty() ? pk : keyColumns(schema, table), t);
    }
}
