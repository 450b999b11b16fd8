package io.walscope.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.CodedOutputStream;

/** decoderbufs RowMessages encoded field by field as pg_logicaldec.proto defines them. */
class DecoderbufsDecoderTest {
    private static byte[] datum(String name, int oid, int field, Object v) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(b);
        o.writeString(1, name);
        o.writeInt64(2, oid);
        if (v instanceof Integer i) {
            o.writeInt32(field, i);
        } else if (v instanceof Long l) {
            o.writeInt64(field, l);
        } else if (v instanceof Double d) {
            o.writeDouble(field, d);
        } else if (v instanceof Boolean z) {
            o.writeBool(field, z);
        } else if (v instanceof String s) {
            o.writeString(field, s);
        } else if (v instanceof byte[] bytes) {
            o.writeByteArray(field, bytes);
        }
        o.flush();
        return b.toByteArray();
    }

    private static ByteBuffer row(int op, String table, byte[][] newTuple, byte[][] oldTuple) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(b);
        o.writeUInt32(1, 725);
        o.writeUInt64(2, 1_763_936_506_042_856L);
        if (table != null) {
            o.writeString(3, table);
        }
        o.writeEnum(4, op);
        for (byte[] d : newTuple) {
            o.writeByteArray(5, d);
        }
        for (byte[] d : oldTuple) {
            o.writeByteArray(6, d);
        }
        o.flush();
        return ByteBuffer.wrap(b.toByteArray());
    }

    @Test
    void beginInsertUpdateDeleteCommit() throws Exception {
        DecoderbufsDecoder d = new DecoderbufsDecoder();
        d.setKeyColumns((s, t) -> List.of("id"));
        Capture c = new Capture();
        d.decode(0x10, row(3, null, new byte[0][], new byte[0][]), c);
        d.decode(0x20, row(0, "\"My\".t", new byte[][] {datum("id", 23, 3, 1), datum("\"Na me\"", 25, 8, "x"),
                datum("ts", 1184, 4, 1_767_323_045_123_456L), datum("d", 1082, 3, 20455), datum("b", 16, 7, true),
                datum("by", 17, 9, new byte[] {1, 2}), datum("m", 790, 4, -12345L), datum("z", 25, 0, null)},
                new byte[0][]), c);
        d.decode(0x30, row(1, "\"My\".t", new byte[][] {datum("id", 23, 3, 1), datum("body", 25, 11, true)},
                new byte[][] {datum("id", 23, 3, 1), datum("body", 25, 8, "long")}), c);
        d.decode(0x40, row(2, "\"My\".t", new byte[0][], new byte[][] {datum("id", 23, 3, 1), datum("body", 25, 0, null)}),
                c);
        d.decode(0x50, row(4, null, new byte[0][], new byte[0][]), c);
        assertEquals("BEGIN 725", c.lines.get(0));
        assertEquals("{\"lsn\":\"0/20\",\"commit_lsn\":null,\"xid\":725,\"commit_ts\":\"2025-11-23T22:21:46.042856Z\","
                + "\"op\":\"insert\",\"schema\":\"My\",\"table\":\"t\",\"key\":{\"id\":1},\"before\":null,"
                + "\"after\":{\"id\":1,\"Na me\":\"x\",\"ts\":\"2026-01-02T03:04:05.123456Z\",\"d\":\"2026-01-02\","
                + "\"b\":true,\"by\":\"AQI=\",\"m\":\"-123.45\",\"z\":null},\"unchanged_toast\":[]}", c.lines.get(1));
        assertTrue(c.lines.get(2).contains("\"before\":{\"id\":1,\"body\":\"long\"},\"after\":{\"id\":1,\"body\":\"long\"},"
                + "\"unchanged_toast\":[]"), c.lines.get(2));
        assertTrue(c.lines.get(3).contains("\"key\":{\"id\":1},\"before\":{\"id\":1},\"after\":null"), c.lines.get(3));
        assertEquals("COMMIT 0/50", c.lines.get(4));
    }
}
