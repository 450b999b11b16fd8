package io.walscope.core.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * Decodes decoderbufs' protobuf {@code RowMessage}s (Debezium's {@code pg_logicaldec.proto}) by hand with
 * protobuf-java's {@link CodedInputStream}: no generated code, so the build needs no protoc. The fields read:
 * RowMessage {@code transaction_id=1, commit_time=2, table=3, op=4} (INSERT 0, UPDATE 1, DELETE 2, BEGIN 3,
 * COMMIT 4), {@code new_tuple=5, old_tuple=6}; DatumMessage {@code column_name=1, column_type=2} and the value
 * oneof {@code int32=3, int64=4, float=5, double=6, bool=7, string=8, bytes=9, point=10, missing=11} (no value:
 * NULL; {@code datum_missing}: an unchanged TOAST value). Unknown fields are skipped.
 * <p>
 * decoderbufs sends dates, times and timestamps as numbers (days and microseconds since 1970) and money as
 * cents: they are turned back into PostgreSQL's text so every plugin yields the same canonical values.
 * {@code interval} and {@code timetz} arrive as a double of microseconds (months as 30.4375 days, the zone
 * folded in) and cannot be restored exactly: they are carried as that approximation.
 */
public final class DecoderbufsDecoder extends TextDecoder {
    private final Map<String, String[]> tableNames = new HashMap<>();

    /** A decoder of decoderbufs' messages (values are rebuilt text: {@link Tuple#text(int)} is null). */
    public DecoderbufsDecoder() {
        super(false);
    }

    @Override
    public void decode(long lsn, ByteBuffer msg, ChangeListener l) throws Exception {
        CodedInputStream in = msg.hasArray()
                ? CodedInputStream.newInstance(msg.array(), msg.arrayOffset() + msg.position(), msg.remaining())
                : CodedInputStream.newInstance(msg.duplicate());
        long xid = -1;
        long commitMicros = Transaction.UNKNOWN_TIME;
        String table = null;
        int op = -1;
        boolean hasNew = false;
        boolean hasOld = false;
        newTuple.clear();
        oldTuple.clear();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
            case 1:
                xid = in.readUInt32() & 0xFFFFFFFFL;
                break;
            case 2:
                commitMicros = in.readUInt64();
                break;
            case 3:
                table = in.readString();
                break;
            case 4:
                op = in.readEnum();
                break;
            case 5:
                datum(in, newTuple);
                hasNew = true;
                break;
            case 6:
                datum(in, oldTuple);
                hasOld = true;
                break;
            default:
                in.skipField(tag);
            }
        }
        switch (op) {
        case 3:
            tx.begin(xid, Lsn.INVALID, commitMicros);
            inTx = true;
            l.begin(tx);
            return;
        case 4:
            tx.commit(Lsn.INVALID, lsn, commitMicros);
            inTx = false;
            l.commit(tx);
            return;
        default:
            break;
        }
        if (!inTx) {
            // decoderbufs before 1.x sends no BEGIN/COMMIT: every change is its own transaction
            tx.begin(xid, Lsn.INVALID, commitMicros);
        }
        String[] st = tableNames.computeIfAbsent(table == null ? "" : table, Idents::qualified);
        switch (op) {
        case 0:
            deliver(l, event.row(Op.INSERT, lsn, tx, st[0], st[1], key(st, newTuple), null, newTuple));
            break;
        case 1:
            if (hasOld) {
                newTuple.fillUnchangedFrom(oldTuple);
            }
            deliver(l, event.row(Op.UPDATE, lsn, tx, st[0], st[1], key(st, newTuple), hasOld ? oldTuple : null,
                    newTuple));
            break;
        case 2: {
            // with REPLICA IDENTITY DEFAULT decoderbufs sends every column, NULL but the key's: keep the key only
            Tuple key = key(st, oldTuple);
            Tuple before = hasOld ? oldTuple : null;
            if (key != null && onlyKeyHasValues(oldTuple, key)) {
                before = key;
            }
            deliver(l, event.row(Op.DELETE, lsn, tx, st[0], st[1], key, before, null));
            break;
        }
        default:
            throw new IOException("decoderbufs sent an operation Walscope does not know: " + op);
        }
    }

    private void datum(CodedInputStream in, TextTuple t) throws IOException {
        int len = in.readRawVarint32();
        int old = in.pushLimit(len);
        String name = null;
        int oid = 0;
        String value = null;
        int state = Tuple.NULL;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            int f = WireFormat.getTagFieldNumber(tag);
            switch (f) {
            case 1:
                name = in.readString();
                break;
            case 2:
                oid = (int) in.readInt64();
                break;
            case 3:
                value = int32Text(oid, in.readInt32());
                state = Tuple.VALUE;
                break;
            case 4:
                value = int64Text(oid, in.readInt64());
                state = Tuple.VALUE;
                break;
            case 5:
                value = floatText(in.readFloat());
                state = Tuple.VALUE;
                break;
            case 6:
                value = doubleText(oid, in.readDouble());
                state = Tuple.VALUE;
                break;
            case 7:
                value = in.readBool() ? "t" : "f";
                state = Tuple.VALUE;
                break;
            case 8:
                value = in.readString();
                state = Tuple.VALUE;
                break;
            case 9: {
                byte[] b = in.readByteArray();
                value = oid == 17 ? PgOutputTuple.hex(b, 0, b.length) : new String(b, StandardCharsets.UTF_8);
                state = Tuple.VALUE;
                break;
            }
            case 10:
                value = point(in);
                state = Tuple.VALUE;
                break;
            case 11:
                if (in.readBool()) {
                    state = Tuple.UNCHANGED_TOAST;
                    value = null;
                }
                break;
            default:
                in.skipField(tag);
            }
        }
        in.popLimit(old);
        t.add(unquote(name), state == Tuple.VALUE ? converters.forOid(oid, -1) : null, value, state);
    }

    private static String unquote(String name) {
        if (name != null && name.length() >= 2 && name.charAt(0) == '"') {
            return Idents.read(name, new int[] {0}, "");
        }
        return name;
    }

    private static String point(CodedInputStream in) throws IOException {
        int len = in.readRawVarint32();
        int old = in.pushLimit(len);
        double x = 0;
        double y = 0;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            int f = WireFormat.getTagFieldNumber(tag);
            if (f == 1) {
                x = in.readDouble();
            } else if (f == 2) {
                y = in.readDouble();
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(old);
        return "(" + pgDouble(x) + "," + pgDouble(y) + ")";
    }

    /** decoderbufs shifts date's ±infinity (INT32_MAX / INT32_MIN days since 2000) to 1970 with int32 overflow. */
    static final int DATE_INFINITY = (int) ((long) Integer.MAX_VALUE + 10957);
    static final int DATE_MINUS_INFINITY = (int) ((long) Integer.MIN_VALUE + 10957);

    static String int32Text(int oid, int v) {
        if (oid == 1082) { // date: days since 1970
            if (v == DATE_INFINITY) {
                return "infinity";
            }
            if (v == DATE_MINUS_INFINITY) {
                return "-infinity";
            }
            return date(LocalDate.ofEpochDay(v));
        }
        return Integer.toString(v);
    }

    static String int64Text(int oid, long v) {
        switch (oid) {
        case 1114: // timestamp: microseconds since 1970; ±infinity as INT64_MAX / INT64_MIN
            return v == Long.MAX_VALUE ? "infinity" : v == Long.MIN_VALUE ? "-infinity" : timestamp(v, "");
        case 1184:
            return v == Long.MAX_VALUE ? "infinity" : v == Long.MIN_VALUE ? "-infinity" : timestamp(v, "+00");
        case 1083: // time: microseconds since midnight
            return time(v);
        case 790: { // money: cents
            long abs = Math.abs(v);
            return (v < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
        }
        default:
            return Long.toString(v);
        }
    }

    private static String doubleText(int oid, double v) {
        switch (oid) {
        case 1266: // timetz folded to UTC, microseconds
            return time(Math.floorMod((long) v, 86_400_000_000L)) + "+00";
        case 1186: { // interval: microseconds, months as 30.4375 days
            long us = (long) v;
            long days = us / 86_400_000_000L;
            long rest = Math.abs(us % 86_400_000_000L);
            return days + " days " + (us < 0 && days == 0 ? "-" : "") + time(rest);
        }
        default:
            return pgDouble(v);
        }
    }

    private static String floatText(float v) {
        if (Float.isNaN(v)) {
            return "NaN";
        }
        return Float.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity") : Float.toString(v);
    }

    private static String pgDouble(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
            return "-0";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** As PostgreSQL prints it: {@code 12000-01-02 03:04:05.5+00}, {@code 0001-01-01 00:00:00+00 BC}. */
    private static String timestamp(long micros, String zone) {
        long secs = Math.floorDiv(micros, 1_000_000L);
        int us = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(secs, 0, ZoneOffset.UTC);
        return date(t.toLocalDate(), " " + time((long) t.toLocalTime().toSecondOfDay() * 1_000_000L + us) + zone);
    }

    private static String date(LocalDate d) {
        return date(d, "");
    }

    /** A date as PostgreSQL prints it (years above 9999 without a sign, BC after the rest), then {@code rest}. */
    private static String date(LocalDate d, String rest) {
        int y = d.getYear();
        boolean bc = y <= 0;
        int year = bc ? 1 - y : y;
        StringBuilder b = new StringBuilder(24);
        String ys = Integer.toString(year);
        for (int i = ys.length(); i < 4; i++) {
            b.append('0');
        }
        b.append(ys).append('-');
        two(b, d.getMonthValue()).append('-');
        two(b, d.getDayOfMonth()).append(rest);
        return bc ? b.append(" BC").toString() : b.toString();
    }

    private static String time(long micros) {
        long s = micros / 1_000_000L;
        int us = (int) (micros % 1_000_000L);
        StringBuilder b = new StringBuilder(15);
        two(b, (int) (s / 3600)).append(':');
        two(b, (int) (s / 60 % 60)).append(':');
        two(b, (int) (s % 60));
        if (us != 0) {
            String f = Integer.toString(us + 1_000_000).substring(1);
            b.append('.').append(f.replaceAll("0+$", ""));
        }
        return b.toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append(v < 10 ? "0" : "").append(v);
    }

    private static boolean onlyKeyHasValues(TextTuple t, Tuple key) {
        int values = 0;
        for (int i = 0; i < t.size(); i++) {
            values += t.state(i) == Tuple.VALUE ? 1 : 0;
        }
        return values == key.size() && t.size() > key.size();
    }

    private Tuple key(String[] st, TextTuple t) {
        return keyOf(keyColumns(st[0], st[1]), t);
    }
}
