package io.walscope.core.types;

/** Allocation-free parsing and big-endian reading helpers shared by the converters. */
final class Parse {
    private Parse() {
    }

    /** Parses a decimal long in {@code s[from,to)}, exactly (overflow is a format error). */
    static long parseLong(String s, int from, int to, String what) {
        if (from >= to) {
            throw new PgValueFormatException(what, s);
        }
        int i = from;
        boolean neg = false;
        char c = s.charAt(i);
        if (c == '-' || c == '+') {
            neg = c == '-';
            if (++i == to) {
                throw new PgValueFormatException(what, s);
            }
        }
        long limit = neg ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multmin = limit / 10;
        long r = 0;
        for (; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9 || r < multmin) {
                throw new PgValueFormatException(what, s);
            }
            r *= 10;
            if (r < limit + d) {
                throw new PgValueFormatException(what, s);
            }
            r -= d;
        }
        return neg ? r : -r;
    }

    /** Parses an unsigned decimal int of digits only in {@code s[from,to)}. */
    static int digits(String s, int from, int to, String what) {
        if (from >= to || to - from > 9) {
            throw new PgValueFormatException(what, s);
        }
        int r = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new PgValueFormatException(what, s);
            }
            r = r * 10 + d;
        }
        return r;
    }

    /**
     * Writes UTF-8 bytes as a JSON string: straight through for a byte-stream generator (no String allocated),
     * decoded first for a Writer-based one (which does not implement {@code writeUTF8String}).
     */
    static void writeUtf8(com.fasterxml.jackson.core.JsonGenerator out, byte[] b, int off, int len)
            throws java.io.IOException {
        if (out.getOutputTarget() instanceof java.io.OutputStream) {
            out.writeUTF8String(b, off, len);
        } else {
            out.writeString(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static int i16(byte[] b, int off) {
        return (short) (((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF));
    }

    static int i32(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static long i64(byte[] b, int off) {
        return ((long) i32(b, off) << 32) | (i32(b, off + 4) & 0xFFFFFFFFL);
    }

    static void need(int len, int expected, String what) {
        if (len != expected) {
            throw new PgValueFormatException(what + " (binary, " + expected + " bytes)", len + " bytes");
        }
    }

    /** Writes {@code v} zero-padded to {@code width} digits into {@code buf} at {@code pos}; returns the new position. */
    static int pad(char[] buf, int pos, int v, int width) {
        for (int i = pos + width - 1; i >= pos; i--) {
            buf[i] = (char) ('0' + (v % 10));
            v /= 10;
        }
        return pos + width;
    }
}
