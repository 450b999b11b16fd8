package io.walscope.core.types;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Text-like types whose binary format is a fixed-size number, decoded to the same text PostgreSQL prints: JSON
 * string of the text in both cases.
 */
enum SystemScalars implements ValueConverter {
    /** macaddr: {@code 08:00:2b:01:02:03}; binary: 6 bytes. */
    MACADDR,
    /** macaddr8: {@code 08:00:2b:01:02:03:04:05}; binary: 8 bytes. */
    MACADDR8,
    /** pg_lsn: {@code 16/B374D848} (upper-case hex); binary: int64. */
    PG_LSN;

    private static final char[] LOWER = "0123456789abcdef".toCharArray();

    @Override
    public void writeText(String text, JsonGenerator out) throws IOException {
        out.writeString(text);
    }

    @Override
    public boolean supportsBinary() {
        return true;
    }

    @Override
    public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
        if (this == PG_LSN) {
            Parse.need(len, 8, "pg_lsn");
            long v = Parse.i64(b, off);
            out.writeString(Long.toHexString(v >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                    + Long.toHexString(v & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT));
            return;
        }
        int n = this == MACADDR ? 6 : 8;
        Parse.need(len, n, name().toLowerCase(java.util.Locale.ROOT));
        char[] c = new char[3 * n - 1];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                c[3 * i - 1] = ':';
            }
            c[3 * i] = LOWER[(b[off + i] >> 4) & 0xF];
            c[3 * i + 1] = LOWER[b[off + i] & 0xF];
        }
        out.writeString(c, 0, c.length);
    }
}
