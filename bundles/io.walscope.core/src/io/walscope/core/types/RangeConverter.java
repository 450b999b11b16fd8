package io.walscope.core.types;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Ranges and multiranges. A range is a JSON object
 * {@code {"lower":1,"upper":10,"lower_inc":true,"upper_inc":false}}, bounds converted by the subtype's converter,
 * an unbounded side as {@code null} (with {@code *_inc} false, as PostgreSQL normalizes it); the empty range is
 * {@code {"empty":true}}. A multirange (PG 14+) is a JSON array of such objects ({@code []} when empty).
 * Text input: {@code [1,10)}, {@code (,5]}, {@code empty}, {@code ["2024-01-01 00:00:00+00",infinity)},
 * {@code {[1,3),[5,7)}}. Binary: range_send / multirange_send when the subtype converter supports binary.
 */
final class RangeConverter implements ValueConverter {
    private static final String LOWER = "lower";
    private static final String UPPER = "upper";
    private static final String LOWER_INC = "lower_inc";
    private static final String UPPER_INC = "upper_inc";
    private static final String EMPTY = "empty";
    private static final int RANGE_EMPTY = 0x01;
    private static final int LB_INC = 0x02;
    private static final int UB_INC = 0x04;
    private static final int LB_INF = 0x08;
    private static final int UB_INF = 0x10;

    private final ValueConverter subtype;
    private final boolean multi;

    RangeConverter(ValueConverter subtype, boolean multi) {
        this.subtype = subtype;
        this.multi = multi;
    }

    @Override
    public void writeText(String s, JsonGenerator out) throws IOException {
        int p;
        if (!multi) {
            p = range(s, 0, out);
        } else {
            if (s.isEmpty() || s.charAt(0) != '{') {
                throw new PgValueFormatException("multirange", s);
            }
            out.writeStartArray();
            p = 1;
            if (s.length() > 1 && s.charAt(1) == '}') {
                p = 2;
            } else {
                while (true) {
                    p = range(s, p, out);
                    if (p >= s.length()) {
                        throw new PgValueFormatException("multirange", s);
                    }
                    char c = s.charAt(p++);
                    if (c == '}') {
                        break;
                    } else if (c != ',') {
                        throw new PgValueFormatException("multirange", s);
                    }
                }
            }
            out.writeEndArray();
        }
        if (p != s.length()) {
            throw new PgValueFormatException(multi ? "multirange" : "range", s);
        }
    }

    /** Writes the range starting at {@code p}; returns the position after it. */
    private int range(String s, int p, JsonGenerator out) throws IOException {
        if (s.startsWith("empty", p)) {
            writeEmpty(out);
            return p + 5;
        }
        if (p >= s.length() || (s.charAt(p) != '[' && s.charAt(p) != '(')) {
            throw new PgValueFormatException("range", s);
        }
        boolean lowerInc = s.charAt(p) == '[';
        StringBuilder lower = new StringBuilder();
        int q = bound(s, p + 1, lower);
        if (q >= s.length() || s.charAt(q) != ',') {
            throw new PgValueFormatException("range", s);
        }
        StringBuilder upper = new StringBuilder();
        int r = bound(s, q + 1, upper);
        if (r >= s.length() || (s.charAt(r) != ']' && s.charAt(r) != ')')) {
            throw new PgValueFormatException("range", s);
        }
        boolean lowerInf = q == p + 1;
        boolean upperInf = r == q + 1;
        out.writeStartObject();
        out.writeFieldName(LOWER);
        subtype.write(lowerInf ? null : lower.toString(), out);
        out.writeFieldName(UPPER);
        subtype.write(upperInf ? null : upper.toString(), out);
        out.writeFieldName(LOWER_INC);
        out.writeBoolean(lowerInc);
        out.writeFieldName(UPPER_INC);
        out.writeBoolean(s.charAt(r) == ']');
        out.writeEndObject();
        return r + 1;
    }

    /** Reads a bound up to the unquoted ',' ']' or ')'; returns that delimiter's position. */
    private static int bound(String s, int p, StringBuilder into) {
        int n = s.length();
        while (p < n) {
            char c = s.charAt(p);
            if (c == ',' || c == ']' || c == ')') {
                return p;
            } else if (c == '"') {
                p = Literals.quoted(s, p, into, true);
            } else if (c == '\\' && p + 1 < n) {
                into.append(s.charAt(p + 1));
                p += 2;
            } else {
                into.append(c);
                p++;
            }
        }
        return p;
    }

    private static void writeEmpty(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeFieldName(EMPTY);
        out.writeBoolean(true);
        out.writeEndObject();
    }

    @Override
    public boolean supportsBinary() {
        return subtype.supportsBinary();
    }

    @Override
    public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
        if (!multi) {
            binaryRange(b, off, len, out);
            return;
        }
        Parse.need(Math.min(len, 4), 4, "multirange");
        int count = Parse.i32(b, off);
        int p = off + 4;
        out.writeStartArray();
        for (int i = 0; i < count; i++) {
            int l = Parse.i32(b, p);
            binaryRange(b, p + 4, l, out);
            p += 4 + l;
        }
        out.writeEndArray();
        if (p != off + len) {
            throw new PgValueFormatException("multirange (binary)", len + " bytes");
        }
    }

    /** range_send: flags byte, then int32 length + bytes for each finite bound. */
    private void binaryRange(byte[] b, int off, int len, JsonGenerator out) throws IOException {
        if (len < 1) {
            throw new PgValueFormatException("range (binary)", "0 bytes");
        }
        int flags = b[off];
        if ((flags & RANGE_EMPTY) != 0) {
            writeEmpty(out);
            return;
        }
        int p = off + 1;
        out.writeStartObject();
        out.writeFieldName(LOWER);
        p = binaryBound(b, p, (flags & LB_INF) != 0, out);
        out.writeFieldName(UPPER);
        p = binaryBound(b, p, (flags & UB_INF) != 0, out);
        out.writeFieldName(LOWER_INC);
        out.writeBoolean((flags & LB_INC) != 0);
        out.writeFieldName(UPPER_INC);
        out.writeBoolean((flags & UB_INC) != 0);
        out.writeEndObject();
        if (p != off + len) {
            throw new PgValueFormatException("range (binary)", len + " bytes");
        }
    }

    private int binaryBound(byte[] b, int p, boolean infinite, JsonGenerator out) throws IOException {
        if (infinite) {
            out.writeNull();
            return p;
        }
        int l = Parse.i32(b, p);
        subtype.writeBinary(b, p + 4, l, out);
        return p + 4 + l;
    }
}
