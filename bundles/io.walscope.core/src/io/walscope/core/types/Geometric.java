package io.walscope.core.types;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * PostgreSQL's built-in geometric types to WKT strings, coordinates copied exactly as PostgreSQL printed them
 * ({@code extra_float_digits} decides their digits): point {@code (1,2)} &rarr; {@code POINT(1 2)}; lseg
 * {@code [(1,2),(3,4)]} &rarr; {@code LINESTRING(1 2,3 4)}; box {@code (3,4),(1,2)} (upper-right, lower-left)
 * &rarr; {@code POLYGON((1 2,3 2,3 4,1 4,1 2))}; open path {@code [(..),..]} &rarr; {@code LINESTRING}; closed
 * path {@code ((..),..)} and polygon &rarr; {@code POLYGON} with the ring closed by repeating the first point.
 * circle and line have no WKT form: they keep PostgreSQL's text (handled by the string converter).
 */
enum Geometric implements ValueConverter {
    POINT, LSEG, BOX, PATH, POLYGON;

    @Override
    public void writeText(String s, JsonGenerator out) throws IOException {
        int[] t = tokens(s);
        int count = t.length / 2;
        StringBuilder b = new StringBuilder(s.length() + 24);
        switch (this) {
        case POINT:
            expect(count == 2, s);
            b.append("POINT(");
            coords(b, s, t, 0, 1, false);
            break;
        case LSEG:
            expect(count == 4, s);
            b.append("LINESTRING(");
            coords(b, s, t, 0, 2, false);
            break;
        case BOX: {
            expect(count == 4, s);
            // printed high corner first: (x2,y2),(x1,y1)
            b.append("POLYGON((");
            pair(b, s, t, 2, 3).append(',');
            pair(b, s, t, 0, 3).append(',');
            pair(b, s, t, 0, 1).append(',');
            pair(b, s, t, 2, 1).append(',');
            pair(b, s, t, 2, 3).append(')');
            break;
        }
        case PATH:
            expect(count >= 2 && count % 2 == 0 && (s.charAt(0) == '[' || s.charAt(0) == '('), s);
            if (s.charAt(0) == '[') {
                b.append("LINESTRING(");
                coords(b, s, t, 0, count / 2, false);
            } else {
                b.append("POLYGON((");
                coords(b, s, t, 0, count / 2, true);
                b.append(')');
            }
            break;
        case POLYGON:
            expect(count >= 2 && count % 2 == 0, s);
            b.append("POLYGON((");
            coords(b, s, t, 0, count / 2, true);
            b.append(')');
            break;
        default:
            throw new IllegalStateException();
        }
        out.writeString(b.append(')').toString());
    }

    private static void expect(boolean ok, String s) {
        if (!ok) {
            throw new PgValueFormatException("geometric", s);
        }
    }

    /** Appends {@code points} coordinate pairs from token pair {@code first}, optionally closing the ring. */
    private static void coords(StringBuilder b, String s, int[] t, int first, int points, boolean close) {
        for (int i = 0; i < points; i++) {
            if (i > 0) {
                b.append(',');
            }
            pair(b, s, t, 2 * (first + i), 2 * (first + i) + 1);
        }
        if (close && points > 0) {
            b.append(',');
            pair(b, s, t, 2 * first, 2 * first + 1);
        }
    }

    /** Appends "x y" from tokens number {@code xi} and {@code yi}. */
    private static StringBuilder pair(StringBuilder b, String s, int[] t, int xi, int yi) {
        return b.append(s, t[2 * xi], t[2 * xi + 1]).append(' ').append(s, t[2 * yi], t[2 * yi + 1]);
    }

    /** Start/end offsets of the numbers: the runs between the punctuation {@code ()[]<>{},} and spaces. */
    private static int[] tokens(String s) {
        int[] t = new int[16];
        int n = 0;
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ',';
            boolean punct = c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == ' ' || c == '<' || c == '>'
                    || c == '{' || c == '}';
            if (!punct && start < 0) {
                start = i;
            } else if (punct && start >= 0) {
                if (n + 2 > t.length) {
                    t = java.util.Arrays.copyOf(t, t.length * 2);
                }
                t[n++] = start;
                t[n++] = i;
                start = -1;
            }
        }
        return java.util.Arrays.copyOf(t, n);
    }
}
