package io.walscope.core.types;

/** Decodes bytea text output: hex format ({@code \x0a0b}, the default since PG 9.0) and escape format. */
final class Bytea {
    private Bytea() {
    }

    static byte[] decode(String s) {
        if (s.length() >= 2 && s.charAt(0) == '\\' && s.charAt(1) == 'x') {
            int n = s.length() - 2;
            if ((n & 1) != 0) {
                throw new PgValueFormatException("bytea (hex)", s);
            }
            byte[] r = new byte[n / 2];
            for (int i = 0, p = 2; i < r.length; i++, p += 2) {
                r[i] = (byte) ((hex(s, p) << 4) | hex(s, p + 1));
            }
            return r;
        }
        // escape format: printable ASCII as is, "\\" for a backslash, "\nnn" (octal) for any other byte
        byte[] r = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                if (c > 0x7F) {
                    throw new PgValueFormatException("bytea (escape)", s);
                }
                r[n++] = (byte) c;
            } else if (i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                r[n++] = '\\';
                i++;
            } else if (i + 3 < s.length() && octal(s.charAt(i + 1)) <= 3 && octal(s.charAt(i + 2)) < 8
                    && octal(s.charAt(i + 3)) < 8) {
                r[n++] = (byte) ((octal(s.charAt(i + 1)) << 6) | (octal(s.charAt(i + 2)) << 3) | octal(s.charAt(i + 3)));
                i += 3;
            } else {
                throw new PgValueFormatException("bytea (escape)", s);
            }
        }
        return n == r.length ? r : java.util.Arrays.copyOf(r, n);
    }

    private static int octal(char c) {
        return c >= '0' && c <= '7' ? c - '0' : 99;
    }

    private static int hex(String s, int p) {
        char c = s.charAt(p);
        if (c >= '0' && c <= '9') {
            return c - '0';
        } else if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new PgValueFormatException("bytea (hex)", s);
    }
}
