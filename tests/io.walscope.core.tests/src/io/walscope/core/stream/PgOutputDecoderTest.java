package io.walscope.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** pgoutput protocol 1 and 2 messages, built byte by byte as the server sends them. */
class PgOutputDecoderTest {
    static final long TS = 1_000_000L; // 2000-01-01 00:00:01 in PostgreSQL's epoch

    /** Builds one pgoutput message. */
    static final class Msg {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);

        Msg(char type) throws IOException {
            out.writeByte(type);
        }

        Msg i8(int v) throws IOException {
            out.writeByte(v);
            return this;
        }

        Msg i16(int v) throws IOException {
            out.writeShort(v);
            return this;
        }

        Msg i32(int v) throws IOException {
            out.writeInt(v);
            return this;
        }

        Msg i64(long v) throws IOException {
            out.writeLong(v);
            return this;
        }

        Msg str(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.writeByte(0);
            return this;
        }

        /** A text column value ('t'), or n for null, u for unchanged TOAST. */
        Msg text(String v) throws IOException {
            if (v == null) {
                return i8('n');
            }
            if (v.equals("\u0000u")) {
                return i8('u');
            }
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.writeByte('t');
            out.writeInt(b.length);
            out.write(b);
            return this;
        }

        Msg bin(byte[] b) throws IOException {
            out.writeByte('b');
            out.writeInt(b.length);
            out.write(b);
            return this;
        }

        ByteBuffer buf() {
            // like pgjdbc: a slice of a larger array, not at offset 0
            byte[] b = bytes.toByteArray();
            byte[] big = new byte[b.length + 25];
            System.arraycopy(b, 0, big, 25, b.length);
            return ByteBuffer.wrap(big, 25, b.length).slice();
        }
    }

    static ByteBuffer relation(int id, String schema, String table, char ident) throws IOException {
        return new Msg('R').i32(id).str(schema).str(table).i8(ident).i16(4)
                .i8(1).str("id").i32(23).i32(-1)
                .i8(0).str("name").i32(25).i32(-1)
                .i8(0).str("at").i32(1184).i32(-1)
                .i8(0).str("body").i32(25).i32(-1).buf();
    }

    static ByteBuffer begin(long finalLsn, int xid) throws IOException {
        return new Msg('B').i64(finalLsn).i64(TS).i32(xid).buf();
    }

    static ByteBuffer commit(long commitLsn, long endLsn) throws IOException {
        return new Msg('C').i8(0).i64(commitLsn).i64(endLsn).i64(TS).buf();
    }

    @Test
    void insertUpdateDeleteTruncateMessage() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        Capture c = new Capture();
        d.decode(0x100, begin(0x900, 77), c);
        d.decode(0x100, relation(16384, "public", "T x", 'd'), c);
        d.decode(0x200, new Msg('I').i32(16384).i8('N').i16(4).text("1").text("it's \"q\"")
                .text("2026-01-02 03:04:05.5+01").text(null).buf(), c);
        d.decode(0x300, new Msg('U').i32(16384).i8('N').i16(4).text("1").text("b").text(null).text("\u0000u").buf(), c);
        d.decode(0x380, new Msg('U').i32(16384).i8('K').i16(4).text("1").text(null).text(null).text(null)
                .i8('N').i16(4).text("2").text("b").text(null).text("\u0000u").buf(), c);
        d.decode(0x400, new Msg('D').i32(16384).i8('K').i16(4).text("2").text(null).text(null).text(null).buf(), c);
        d.decode(0x500, new Msg('T').i32(1).i8(3).i32(16384).buf(), c);
        d.decode(0x600, new Msg('M').i8(1).i64(0x600).str("pfx").i32(2).i8('h').i8('i').buf(), c);
        d.decode(0xA00, commit(0x900, 0xA00), c);
        assertEquals("BEGIN 77", c.lines.get(0));
        assertEquals("{\"lsn\":\"0/200\",\"commit_lsn\":\"0/900\",\"xid\":77,\"commit_ts\":\"2000-01-01T00:00:01.000000Z\","
                + "\"op\":\"insert\",\"schema\":\"public\",\"table\":\"T x\",\"key\":{\"id\":1},\"before\":null,"
                + "\"after\":{\"id\":1,\"name\":\"it's \\\"q\\\"\",\"at\":\"2026-01-02T02:04:05.500000Z\",\"body\":null},"
                + "\"unchanged_toast\":[]}", c.lines.get(1));
        assertTrue(c.lines.get(2).contains("\"op\":\"update\""), c.lines.get(2));
        assertTrue(c.lines.get(2).contains("\"before\":null,\"after\":{\"id\":1,\"name\":\"b\",\"at\":null},"
                + "\"unchanged_toast\":[\"body\"]"), c.lines.get(2));
        // key change: before is the old key
        assertTrue(c.lines.get(3).contains("\"key\":{\"id\":2},\"before\":{\"id\":1},\"after\":{\"id\":2,"), c.lines.get(3));
        assertTrue(c.lines.get(4).contains("\"op\":\"delete\",\"schema\":\"public\",\"table\":\"T x\",\"key\":{\"id\":2},"
                + "\"before\":{\"id\":2},\"after\":null"), c.lines.get(4));
        assertTrue(c.lines.get(5).contains("\"op\":\"truncate\"") && c.lines.get(5)
                .contains("\"truncate\":{\"cascade\":true,\"restart_identity\":true}"), c.lines.get(5));
        assertTrue(c.lines.get(6).contains("\"message\":{\"prefix\":\"pfx\",\"content\":\"hi\",\"transactional\":true}"),
                c.lines.get(6));
        assertEquals("COMMIT 0/A00", c.lines.get(7));
        assertEquals(1, d.relationCount());
    }

    @Test
    void replicaIdentityFullFillsUnchangedToastFromTheOldRow() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        Capture c = new Capture();
        d.decode(1, begin(0x900, 5), c);
        d.decode(1, relation(1, "s", "t", 'f'), c);
        d.decode(2, new Msg('U').i32(1).i8('O').i16(4).text("1").text("a").text(null).text("long")
                .i8('N').i16(4).text("1").text("b").text(null).text("\u0000u").buf(), c);
        String l = c.json().get(0);
        assertTrue(l.contains("\"before\":{\"id\":1,\"name\":\"a\",\"at\":null,\"body\":\"long\"},"
                + "\"after\":{\"id\":1,\"name\":\"b\",\"at\":null,\"body\":\"long\"},\"unchanged_toast\":[]"), l);
        // FULL flags every column: that is no key (the catalog names it when a reader is attached)
        assertTrue(l.contains("\"key\":null"), l);
    }

    @Test
    void pgCatalogIsNamedThoughPgoutputSendsAnEmptySchema() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        Capture c = new Capture();
        d.decode(1, begin(0x900, 5), c);
        d.decode(1, relation(1, "", "t", 'd'), c);
        d.decode(2, new Msg('I').i32(1).i8('N').i16(4).text("1").text("a").text(null).text("b").buf(), c);
        assertEquals("pg_catalog", c.events.get(0).schema());
    }

    @Test
    void binaryValuesAndKeysFromTheRelationMessageBeforeTheCatalog() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        // today's catalog may disagree (table recreated since): the Relation message's flags win
        d.setKeyColumns((s, t) -> List.of("name"));
        Capture c = new Capture();
        d.decode(1, begin(0x900, 5), c);
        d.decode(1, relation(1, "s", "t", 'd'), c);
        d.decode(2, new Msg('I').i32(1).i8('N').i16(4).bin(new byte[] {0, 0, 1, 0}).bin("x".getBytes())
                .text(null).text(null).buf(), c);
        assertTrue(c.json().get(0).contains("\"key\":{\"id\":256},\"before\":null,\"after\":{\"id\":256,"), c.json().get(0));
        // REPLICA IDENTITY FULL flags every column: then the catalog names the key
        d.decode(3, relation(2, "s", "f", 'f'), c);
        d.decode(4, new Msg('I').i32(2).i8('N').i16(4).text("7").text("y").text(null).text(null).buf(), c);
        assertTrue(c.json().get(1).contains("\"key\":{\"name\":\"y\"}"), c.json().get(1));
    }

    @Test
    void nonTransactionalMessageOutsideATransaction() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        Capture c = new Capture();
        d.decode(0x50, new Msg('M').i8(0).i64(0x50).str("p").i32(0).buf(), c);
        assertTrue(c.lines.get(0).startsWith("{\"lsn\":\"0/50\",\"commit_lsn\":null,\"xid\":null,\"commit_ts\":null,"
                + "\"op\":\"message\""), c.lines.get(0));
    }

    @Test
    void streamedTransactionsAreSpooledAndDeliveredAtCommitWithoutAbortedSubtransactions() throws Exception {
        Path tmp = Files.createTempDirectory("walscope-spool-test");
        PgOutputDecoder d = new PgOutputDecoder(tmp);
        Capture c = new Capture();
        // tx 100 streams in two blocks with a subtransaction 101 that aborts; tx 200 streams and aborts entirely
        d.decode(1, new Msg('S').i32(100).i8(1).buf(), c);
        d.decode(1, new Msg('R').i32(100).i32(1).str("s").str("t").i8('d').i16(1).i8(1).str("id").i32(23).i32(-1).buf(), c);
        d.decode(2, new Msg('I').i32(100).i32(1).i8('N').i16(1).text("1").buf(), c);
        d.decode(3, new Msg('I').i32(101).i32(1).i8('N').i16(1).text("2").buf(), c);
        d.decode(3, new Msg('E').buf(), c);
        d.decode(4, new Msg('S').i32(200).i8(1).buf(), c);
        d.decode(4, new Msg('I').i32(200).i32(1).i8('N').i16(1).text("9").buf(), c);
        d.decode(4, new Msg('E').buf(), c);
        d.decode(5, new Msg('S').i32(100).i8(0).buf(), c);
        d.decode(6, new Msg('I').i32(100).i32(1).i8('N').i16(1).text("3").buf(), c);
        d.decode(6, new Msg('E').buf(), c);
        d.decode(7, new Msg('A').i32(100).i32(101).buf(), c);
        d.decode(8, new Msg('A').i32(200).i32(200).buf(), c);
        assertEquals(List.of(), c.lines, "nothing before the commit");
        d.decode(9, new Msg('c').i32(100).i8(0).i64(0x900).i64(0xA00).i64(TS).buf(), c);
        assertEquals(4, c.lines.size(), c.lines.toString());
        assertEquals("BEGIN 100", c.lines.get(0));
        assertTrue(c.lines.get(1).contains("\"commit_lsn\":\"0/900\"") && c.lines.get(1).contains("\"after\":{\"id\":1}"));
        assertTrue(c.lines.get(2).contains("\"after\":{\"id\":3}"), c.lines.get(2));
        assertEquals("COMMIT 0/A00", c.lines.get(3));
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "spool files are removed");
        }
    }

    @Test
    void resumeSkipsTransactionsCommittedBeforeTheConfirmedLsn() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        d.skipCommittedBefore(0x1000);
        Capture c = new Capture();
        d.decode(1, relation(1, "s", "t", 'd'), c);
        d.decode(1, begin(0x800, 5), c);
        d.decode(2, new Msg('I').i32(1).i8('N').i16(4).text("1").text(null).text(null).text(null).buf(), c);
        d.decode(3, commit(0x800, 0x900), c);
        d.decode(4, begin(0x1000, 6), c);
        d.decode(5, new Msg('I').i32(1).i8('N').i16(4).text("2").text(null).text(null).text(null).buf(), c);
        d.decode(6, commit(0x1000, 0x1100), c);
        assertEquals(3, c.lines.size(), c.lines.toString());
        assertEquals("BEGIN 6", c.lines.get(0));
    }
}
