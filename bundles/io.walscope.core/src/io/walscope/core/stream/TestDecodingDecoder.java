package io.walscope.core.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes test_decoding's text lines ({@code include-xids}, {@code include-timestamp} and
 * {@code skip-empty-xacts} on): {@code BEGIN 123}, {@code table s.t: INSERT: col[type]:value ...},
 * {@code UPDATE: old-key: ... new-tuple: ...}, {@code DELETE}, {@code TRUNCATE: cascade restart_seqs},
 * {@code message: transactional: 1 prefix: p, sz: 3 content:...}, {@code COMMIT 123 (at ...)}.
 * <p>
 * Quoting as test_decoding writes it: identifiers as {@code quote_identifier}; numbers, booleans
 * ({@code true}/{@code false}) and {@code B'0101'} bare; every other value in single quotes with quotes doubled;
 * {@code null} bare is NULL and {@code unchanged-toast-datum} an unchanged TOAST value. The commit LSN and time
 * are known only at COMMIT, so changes carry none.
 */
public final class TestDecodingDecoder extends TextDecoder {
    private final TextPool pool = new TextPool();

    /** A decoder of test_decoding's lines. */
    public TestDecodingDecoder() {
        super(true);
    }

    @Override
    public void decode(long lsn, ByteBuffer msg, ChangeListener l) throws Exception {
        String s;
        if (msg.hasArray()) {
            s = new String(msg.array(), msg.arrayOffset() + msg.position(), msg.remaining(), StandardCharsets.UTF_8);
        } else {
            byte[] b = new byte[msg.remaining()];
            msg.duplicate().get(b);
            s = new String(b, StandardCharsets.UTF_8);
        }
        decode(lsn, s, l);
    }

    /** Decodes one line of test_decoding output. */
    public void decode(long lsn, String s, ChangeListener l) throws Exception {
        if (s.startsWith("BEGIN")) {
            long xid = s.length() > 6 ? Long.parseLong(s.substring(6).trim()) : -1;
            tx.begin(xid, Lsn.INVALID, Transaction.UNKNOWN_TIME);
            inTx = true;
            l.begin(tx);
        } else if (s.startsWith("COMMIT")) {
            long ts = Transaction.UNKNOWN_TIME;
            int at = s.indexOf(" (at ");
            if (at >= 0) {
                ts = Times.parsePgTimestamptz(s.substring(at + 5, s.lastIndexOf(')')));
            }
            tx.commit(Lsn.INVALID, lsn, ts);
            inTx = false;
            l.commit(tx);
        } else if (s.startsWith("table ")) {
            table(lsn, s, l);
        } else if (s.startsWith("message: ")) {
            message(lsn, s, l);
        } else {
            throw new IOException("test_decoding sent a line Walscope cannot read: " + abbreviate(s));
        }
    }

    private void table(long lsn, String s, ChangeListener l) throws Exception {
        int[] pos = {6};
        String[] first = qualified(s, pos);
        String schema = first[0];
        String table = first[1];
        // TRUNCATE lists every table of the statement: "table public.ta, public.tb: TRUNCATE: (no-flags)"
        List<String[]> more = null;
        while (s.startsWith(", ", pos[0])) {
            pos[0] += 2;
            if (more == null) {
                more = new ArrayList<>();
            }
            more.add(qualified(s, pos));
        }
        int p = pos[0] + 2; // ": "
        int colon = s.indexOf(':', p);
        String op = pool.of(s, p, colon);
        p = colon + 1;
        switch (op) {
        case "INSERT": {
            columns(s, p, newTuple.clear(), null);
            deliver(l, event.row(Op.INSERT, lsn, tx, schema, table, key(schema, table, newTuple), null, newTuple));
            break;
        }
        case "UPDATE": {
            Tuple before = null;
            if (s.startsWith(" old-key:", p)) {
                p = columns(s, p + 9, oldTuple.clear(), " new-tuple:");
                p += 11;
                before = oldTuple;
            }
            columns(s, p, newTuple.clear(), null);
            if (before != null) {
                newTuple.fillUnchangedFrom(oldTuple);
            }
            deliver(l, event.row(Op.UPDATE, lsn, tx, schema, table, key(schema, table, newTuple), before, newTuple));
            break;
        }
        case "DELETE": {
            columns(s, p, oldTuple.clear(), null);
            deliver(l, event.row(Op.DELETE, lsn, tx, schema, table, key(schema, table, oldTuple), oldTuple, null));
            break;
        }
        case "TRUNCATE": {
            boolean cascade = s.indexOf(" cascade", p) >= 0;
            boolean restart = s.indexOf(" restart_seqs", p) >= 0;
            deliver(l, event.truncate(lsn, tx, schema, table, cascade, restart));
            if (more != null) {
                for (String[] t : more) {
                    deliver(l, event.truncate(lsn, tx, t[0], t[1], cascade, restart));
                }
            }
            break;
        }
        default:
            throw new IOException("test_decoding sent an operation Walscope does not know: " + abbreviate(s));
        }
    }

    /** {@code schema.table} or {@code table} at {@code pos}, either part quoted. */
    private String[] qualified(String s, int[] pos) {
        String schema = Idents.read(s, pos, ".:,", pool);
        if (pos[0] < s.length() && s.charAt(pos[0]) == '.') {
            pos[0]++;
            return new String[] { schema, Idents.read(s, pos, ":,", pool) };
        }
        return new String[] { null, schema };
    }

    private Tuple key(String schema, String table, TextTuple t) {
        return keyOf(keyColumns(schema, table), t);
    }

    /** Reads {@code name[type]:value} items from {@code p} until the end or {@code stop}; returns the position. */
    private int columns(String s, int p, TextTuple t, String stop) throws IOException {
        int n = s.length();
        while (p < n) {
            if (s.charAt(p) == ' ') {
                p++;
            }
            if (stop != null && s.startsWith(stop, p - 1)) {
                return p - 1;
            }
            if (s.startsWith("(no-tuple-data)", p)) {
                return n;
            }
            int[] pos = {p};
            String name = Idents.read(s, pos, "[", pool);
            p = pos[0];
            if (p >= n || s.charAt(p) != '[') {
                throw new IOException("test_decoding column without a type: " + abbreviate(s));
            }
            int typeEnd = s.indexOf("]:", p);
            String type = pool.of(s, p + 1, typeEnd);
            p = typeEnd + 2;
            if (p < n && s.charAt(p) == '\'') {
                StringBuilder v = null;
                int start = p + 1;
                int q = start;
                while (true) {
                    int close = s.indexOf('\'', q);
                    if (close < 0) {
                        throw new IOException("test_decoding value without closing quote: " + abbreviate(s));
                    }
                    if (close + 1 < n && s.charAt(close + 1) == '\'') {
                        if (v == null) {
                            v = new StringBuilder();
                        }
                        v.append(s, q, close + 1);
                        q = close + 2;
                        continue;
                    }
                    String value = v == null ? s.substring(start, close) : v.append(s, q, close).toString();
                    t.add(name, converters.forName(type), value, Tuple.VALUE);
                    p = close + 1;
                    break;
                }
            } else {
                int sp = s.indexOf(' ', p);
                if (sp < 0) {
                    sp = n;
                }
                String raw = s.substring(p, sp);
                p = sp;
                if (raw.equals("null")) {
                    t.add(name, null, null, Tuple.NULL);
                } else if (raw.equals("unchanged-toast-datum")) {
                    t.add(name, null, null, Tuple.UNCHANGED_TOAST);
                } else if (raw.startsWith("B'") && raw.endsWith("'")) {
                    t.add(name, converters.forName(type), raw.substring(2, raw.length() - 1), Tuple.VALUE);
                } else if (raw.equals("true") || raw.equals("false")) {
                    t.add(name, converters.forName(type), raw.substring(0, 1), Tuple.VALUE);
                } else {
                    t.add(name, converters.forName(type), raw, Tuple.VALUE);
                }
            }
        }
        return p;
    }

    private void message(long lsn, String s, ChangeListener l) throws Exception {
        // message: transactional: 1 prefix: p, sz: 3 content:abc
        boolean transactional = s.startsWith("message: transactional: 1");
        int pp = s.indexOf(" prefix: ") + 9;
        int sz = s.indexOf(", sz: ", pp);
        String prefix = s.substring(pp, sz);
        int content = s.indexOf(" content:", sz) + 9;
        byte[] c = s.substring(content).getBytes(StandardCharsets.UTF_8);
        if (transactional && inTx) {
            deliver(l, event.message(lsn, tx, true, prefix, c));
        } else {
            l.change(event.message(lsn, null, false, prefix, c));
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
