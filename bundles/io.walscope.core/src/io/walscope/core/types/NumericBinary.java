package io.walscope.core.types;

/**
 * numeric's binary (numeric_send) format to the same text numeric_out prints: int16 ndigits, int16 weight,
 * uint16 sign (0 positive, 0x4000 negative, 0xC000 NaN, 0xD000 Infinity, 0xF000 -Infinity), int16 dscale,
 * then ndigits base-10000 digits.
 */
final class NumericBinary {
    private NumericBinary() {
    }

    static String toText(byte[] b, int off, int len) {
        if (len < 8) {
            throw new PgValueFormatException("numeric (binary)", len + " bytes");
        }
        // up to 131072 digits before the point and 16383 after: more base-10000 digits than an int16 holds
        int ndigits = Parse.i16(b, off) & 0xFFFF;
        int weight = Parse.i16(b, off + 2);
        int sign = Parse.i16(b, off + 4) & 0xFFFF;
        int dscale = Parse.i16(b, off + 6);
        if (dscale < 0 || len != 8 + 2 * ndigits) {
            throw new PgValueFormatException("numeric (binary)", len + " bytes");
        }
        switch (sign) {
        case 0xC000:
            return "NaN";
        case 0xD000:
            return "Infinity";
        case 0xF000:
            return "-Infinity";
        case 0x0000:
        case 0x4000:
            break;
        default:
            throw new PgValueFormatException("numeric (binary sign)", Integer.toHexString(sign));
        }
        StringBuilder s = new StringBuilder(4 * Math.max(weight + 1, 1) + dscale + 2);
        if (sign == 0x4000) {
            s.append('-');
        }
        if (weight < 0) {
            s.append('0');
        } else {
            for (int d = 0; d <= weight; d++) {
                int dig = d < ndigits ? Parse.i16(b, off + 8 + 2 * d) : 0;
                if (d == 0) {
                    s.append(dig);
                } else {
                    appendPadded(s, dig);
                }
            }
        }
        if (dscale > 0) {
            s.append('.');
            int end = s.length() + dscale;
            for (int d = weight + 1; s.length() < end; d++) {
                int dig = d >= 0 && d < ndigits ? Parse.i16(b, off + 8 + 2 * d) : 0;
                appendPadded(s, dig);
            }
            s.setLength(end);
        }
        return s.toString();
    }

    private static void appendPadded(StringBuilder s, int dig) {
        s.append((char) ('0' + dig / 1000)).append((char) ('0' + dig / 100 % 10)).append((char) ('0' + dig / 10 % 10))
                .append((char) ('0' + dig % 10));
    }
}
