package io.walscope.core.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes pgoutput's binary protocol, versions 1 and 2, straight from the message bytes: Begin, Commit, Origin,
 * Relation and Type (cached), Insert, Update, Delete, Truncate, Message, and with version 2 the streamed
 * in-progress transactions (Stream Start/Stop/Commit/Abort). Values in text or binary form go through the type
 * catalog's converters only when a listener writes them.
 * <p>
 * Streamed transactions are spooled to a temporary file per transaction (never held in memory) and delivered at
 * Stream Commit, without the changes of aborted subtransactions; an aborted transaction is never delivered. So
 * listeners always see whole committed transactions in commit order, whatever the protocol version.
 */
public final class PgOutputDecoder implements Decoder {
    private final Converters converters = new Converters();
    private final Map<Integer, PgOutputRelation> relations = new HashMap<>();
    private final Transaction tx = new Transaction();
    private final ChangeEvent event = new ChangeEvent();
    private final PgOutputRows rows = new PgOutputRows();
    private final Map<Long, StreamSpool> spools = new HashMap<>();
    private final Path spoolDir;
    private KeyColumns keys = KeyColumns.NONE;
    private boolean inTx;
    private boolean skipping;
    private boolean inStream;
    private long streamXid;
    private long skipBefore = Lsn.INVALID;
    private boolean binary;

    /** A decoder spooling streamed transactions under {@code java.io.tmpdir}. */
    public PgOutputDecoder() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    public PgOutputDecoder(Path spoolDir) {
        this.spoolDir = spoolDir;
    }

    @Override
    public void setKeyColumns(KeyColumns keys) {
        this.keys = keys;
        relations.values().forEach(r -> r.resolveKey(keys));
    }

    /**
     * Whether the stream asked pgoutput for binary values: then a Relation message with a column Walscope cannot
     * read in binary form ends decoding with {@link TextModeNeeded}, before any value of it is delivered.
     */
    public void binary(boolean b) {
        this.binary = b;
    }

    @Override
    public void setTypes(TypeLookup types) {
        converters.setTypes(types);
    }

    /** Skips transactions whose commit LSN is below {@code lsn} (already handled before a resume). */
    public void skipCommittedBefore(long lsn) {
        this.skipBefore = lsn;
    }

    @Override
    public boolean inTransaction() {
        return inTx;
    }

    @Override
    public void reset() {
        inTx = false;
        skipping = false;
        inStream = false;
        relations.clear();
        spools.values().forEach(StreamSpool::delete);
        spools.clear();
    }

    @Override
    public void decode(long lsn, ByteBuffer msg, ChangeListener l) throws Exception {
        byte[] a;
        int p;
        int end;
        if (msg.hasArray()) {
            a = msg.array();
            p = msg.arrayOffset() + msg.position();
            end = msg.arrayOffset() + msg.limit();
        } else {
            a = new byte[msg.remaining()];
            msg.duplicate().get(a);
            p = 0;
            end = a.length;
        }
        decode(lsn, a, p, end, l);
    }

    private void decode(long lsn, byte[] a, int p, int end, ChangeListener l) throws Exception {
        byte type = a[p];
        switch (type) {
        case 'B': {
            long finalLsn = i64(a, p + 1);
            long ts = i64(a, p + 9) + Times.PG_EPOCH_MICROS;
            long xid = i32(a, p + 17) & 0xFFFFFFFFL;
            tx.begin(xid, finalLsn, ts);
            inTx = true;
            skipping = skipBefore != Lsn.INVALID && finalLsn < skipBefore;
            if (!skipping) {
                l.begin(tx);
            }
            break;
        }
        case 'C': {
            long commitLsn = i64(a, p + 2);
            long endLsn = i64(a, p + 10);
            long ts = i64(a, p + 18) + Times.PG_EPOCH_MICROS;
            tx.commit(commitLsn, endLsn, ts);
            inTx = false;
            if (!skipping) {
                l.commit(tx);
            }
            skipping = false;
            break;
        }
        case 'O':
            break;
        case 'S':
            streamXid = i32(a, p + 1) & 0xFFFFFFFFL;
            inStream = true;
            spools.computeIfAbsent(streamXid, x -> new StreamSpool(spoolDir, x));
            break;
        case 'E':
            inStream = false;
            break;
        case 'c':
            streamCommit(a, p, l);
            break;
        case 'A': {
            long xid = i32(a, p + 1) & 0xFFFFFFFFL;
            long sub = i32(a, p + 5) & 0xFFFFFFFFL;
            StreamSpool s = spools.get(xid);
            if (s != null) {
                if (sub == xid) {
                    spools.remove(xid).delete();
                } else {
                    s.abortSub(sub);
                }
            }
            break;
        }
        default:
            if (inStream) {
                long sub = i32(a, p + 1) & 0xFFFFFFFFL;
                if (type == 'R' || type == 'Y') {
                    data(lsn, a, p, true, l);
                }
                StreamSpool s = spools.computeIfAbsent(streamXid, x -> new StreamSpool(spoolDir, x));
                s.append(lsn, sub, a, p, end - p);
            } else {
                data(lsn, a, p, false, l);
            }
        }
    }

    private void streamCommit(byte[] a, int p, ChangeListener l) throws Exception {
        long xid = i32(a, p + 1) & 0xFFFFFFFFL;
        long commitLsn = i64(a, p + 6);
        long endLsn = i64(a, p + 14);
        long ts = i64(a, p + 22) + Times.PG_EPOCH_MICROS;
        StreamSpool s = spools.remove(xid);
        tx.begin(xid, commitLsn, ts);
        boolean skip = skipBefore != Lsn.INVALID && commitLsn < skipBefore;
        inTx = true;
        if (!skip) {
            l.begin(tx);
            if (s != null) {
                s.replay((lsn, buf, off, len) -> data(lsn, buf, off, true, l));
            }
        }
        if (s != null) {
            s.delete();
        }
        tx.commit(commitLsn, endLsn, ts);
        inTx = false;
        if (!skip) {
            l.commit(tx);
        }
    }

    /** A data message at {@code p} (its type byte); {@code xid} says whether a transaction id follows the type. */
    private void data(long lsn, byte[] a, int p, boolean xid, ChangeListener l) throws Exception {
        byte type = a[p++];
        if (xid) {
            p += 4;
        }
        switch (type) {
        case 'R':
            relation(a, p);
            return;
        case 'Y': {
            int oid = i32(a, p);
            p += 4;
            int e = cstringEnd(a, p);
            p = e + 1;
            int e2 = cstringEnd(a, p);
            converters.defineType(oid, new String(a, p, e2 - p, StandardCharsets.UTF_8));
            return;
        }
        case 'M':
            message(lsn, a, p, l);
            return;
        default:
            break;
        }
        if (skipping) {
            return;
        }
        switch (type) {
        case 'I':
        case 'U':
        case 'D': {
            PgOutputRelation r = relation(i32(a, p));
            // outside a streamed transaction the message is the one the listener saw in raw(): replayable
            deliver(l, rows.read(type, lsn, tx, a, p, r).replayable(xid ? null : r));
            break;
        }
        case 'T': {
            int n = i32(a, p);
            byte opts = a[p + 4];
            p += 5;
            for (int i = 0; i < n; i++) {
                PgOutputRelation r = relation(i32(a, p + 4 * i));
                deliver(l, event.truncate(lsn, tx, r.schema, r.table, (opts & 1) != 0, (opts & 2) != 0));
            }
            break;
        }
        default:
            throw new IOException("pgoutput sent a message of unknown type '" + (char) type
                    + "': Walscope speaks protocol versions 1 and 2");
        }
    }

    private void deliver(ChangeListener l, ChangeEvent e) throws Exception {
        tx.countEvent();
        l.change(e);
    }

    private void message(long lsn, byte[] a, int p, ChangeListener l) throws Exception {
        boolean transactional = (a[p] & 1) != 0;
        long msgLsn = i64(a, p + 1);
        p += 9;
        int e = cstringEnd(a, p);
        String prefix = new String(a, p, e - p, StandardCharsets.UTF_8);
        p = e + 1;
        int len = i32(a, p);
        byte[] content = new byte[len];
        System.arraycopy(a, p + 4, content, 0, len);
        if (transactional && skipping) {
            return;
        }
        if (transactional) {
            deliver(l, event.message(msgLsn != 0 ? msgLsn : lsn, tx, true, prefix, content));
        } else {
            l.change(event.message(msgLsn != 0 ? msgLsn : lsn, null, false, prefix, content));
        }
    }

    private void relation(byte[] a, int p) throws TextModeNeeded {
        int id = i32(a, p);
        p += 4;
        int e = cstringEnd(a, p);
        // pgoutput sends pg_catalog as an empty name (logicalrep_write_namespace)
        String schema = e == p ? "pg_catalog" : new String(a, p, e - p, StandardCharsets.UTF_8);
        p = e + 1;
        e = cstringEnd(a, p);
        String table = new String(a, p, e - p, StandardCharsets.UTF_8);
        p = e + 1;
        char ident = (char) a[p++];
        int n = (a[p] & 0xFF) << 8 | a[p + 1] & 0xFF;
        p += 2;
        PgOutputRelation r = new PgOutputRelation(id, schema, table, ident, n);
        for (int i = 0; i < n; i++) {
            r.identity[i] = (a[p++] & 1) != 0;
            e = cstringEnd(a, p);
            r.names[i] = new String(a, p, e - p, StandardCharsets.UTF_8);
            p = e + 1;
            r.typeOids[i] = i32(a, p);
            r.typmods[i] = i32(a, p + 4);
            p += 8;
            r.converters[i] = converters.forOid(r.typeOids[i], r.typmods[i]);
            if (binary && !r.converters[i].supportsBinary()) {
                throw new TextModeNeeded(schema, table, r.names[i], r.typeOids[i]);
            }
        }
        r.resolveKey(keys);
        relations.put(id, r);
    }

    private PgOutputRelation relation(int id) throws IOException {
        PgOutputRelation r = relations.get(id);
        if (r == null) {
            throw new IOException("pgoutput sent a change of relation " + (id & 0xFFFFFFFFL)
                    + " before describing it (a Relation message is missing)");
        }
        return r;
    }

    /** The relation cache, for tests and the viewer: the tables seen so far. */
    public int relationCount() {
        return relations.size();
    }

    static int cstringEnd(byte[] a, int p) {
        while (a[p] != 0) {
            p++;
        }
        return p;
    }

    static int i32(byte[] a, int p) {
        return (a[p] & 0xFF) << 24 | (a[p + 1] & 0xFF) << 16 | (a[p + 2] & 0xFF) << 8 | a[p + 3] & 0xFF;
    }

    static long i64(byte[] a, int p) {
        return (long) i32(a, p) << 32 | i32(a, p + 4) & 0xFFFFFFFFL;
    }
}
