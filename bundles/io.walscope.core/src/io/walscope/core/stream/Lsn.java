package io.walscope.core.stream;

/** Log sequence numbers as {@code long}, in PostgreSQL's {@code X/X} upper-case hex spelling. */
public final class Lsn {
    /** No LSN (PostgreSQL's {@code InvalidXLogRecPtr}). */
    public static final long INVALID = 0L;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Lsn() {
    }

    /** Parses {@code 16/B374D848}. */
    public static long parse(String s) {
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1) {
            throw new IllegalArgumentException("'" + s + "' is not an LSN (like 0/16B3748)");
        }
        try {
            long hi = Long.parseLong(s.substring(0, slash).trim(), 16);
            long lo = Long.parseLong(s.substring(slash + 1).trim(), 16);
            if (hi > 0xFFFFFFFFL || lo > 0xFFFFFFFFL || hi < 0 || lo < 0) {
                throw new NumberFormatException();
            }
            return hi << 32 | lo;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not an LSN (like 0/16B3748)");
        }
    }

    /** Parses {@code 16/B374D848} from {@code len} characters of {@code c} at {@code off}, without a String. */
    public static long parse(char[] c, int off, int len) {
        long hi = 0;
        long v = 0;
        boolean slash = false;
        int digits = 0;
        for (int i = off; i < off + len; i++) {
            char ch = c[i];
            int d = Character.digit(ch, 16);
            if (ch == '/' && !slash && digits > 0) {
                hi = v;
                v = 0;
                digits = 0;
                slash = true;
            } else if (d < 0 || ++digits > 8) {
                return parse(new String(c, off, len));
            } else {
                v = v << 4 | d;
            }
        }
        if (!slash || digits == 0) {
            return parse(new String(c, off, len));
        }
        return hi << 32 | v;
    }

    /** Formats as PostgreSQL does: {@code 0/16B3748}. */
    public static String format(long lsn) {
        char[] buf = new char[17];
        return new String(buf, 0, format(lsn, buf, 0));
    }

    /** Writes the spelling into {@code buf} at {@code pos} (needs 17 chars) and returns its length. */
    public static int format(long lsn, char[] buf, int pos) {
        int p = hex(lsn >>> 32, buf, pos);
        buf[p++] = '/';
        p = hex(lsn & 0xFFFFFFFFL, buf, p);
        return p - pos;
    }

    private static int hex(long v, char[] buf, int pos) {
        if (v == 0) {
            buf[pos] = '0';
            return pos + 1;
        }
        int digits = (64 - Long.numberOfLeadingZeros(v) + 3) / 4;
        for (int i = digits - 1; i >= 0; i--) {
            buf[pos + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return pos + digits;
    }
}
