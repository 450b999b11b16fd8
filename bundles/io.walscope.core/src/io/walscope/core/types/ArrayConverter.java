package io.walscope.core.types;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Arrays: nested JSON arrays (one level per dimension), SQL NULL elements as JSON null, each element converted by
 * the element type's converter. Text input is array_out's literal: {@code {1,2,NULL}}, {@code {{1,2},{3,4}}},
 * {@code {}}, quoted elements with backslash escapes ({@code {"a,b","say \"hi\"","back\\slash"}}), the element
 * type's delimiter (';' for box, ',' otherwise). A bounds decoration ({@code [0:1]={...}}) is dropped: the JSON
 * keeps the elements, not the lower bounds. Binary input is array_send's format when the element converter
 * supports binary.
 */
final class ArrayConverter implements ValueConverter {
    private final ValueConverter element;
    private final char delimiter;

    ArrayConverter(ValueConverter element, char delimiter) {
        this.element = element;
        this.delimiter = delimiter;
    }

    @Override
    public void writeText(String s, JsonGenerator out) throws IOException {
        int p = 0;
        if (!s.isEmpty() && s.charAt(0) == '[') {
            p = s.indexOf('=') + 1;
            if (p == 0) {
                throw new PgValueFormatException("array", s);
            }
        }
        if (parse(s, p, out) != s.length()) {
            throw new PgValueFormatException("array", s);
        }
    }

    /** Parses the array starting with '{' at {@code p}; returns the position after its '}'. */
    private int parse(String s, int p, JsonGenerator out) throws IOException {
        int n = s.length();
        if (p >= n || s.charAt(p) != '{') {
            throw new PgValueFormatException("array", s);
        }
        p++;
        out.writeStartArray();
        if (p < n && s.charAt(p) == '}') {
            out.writeEndArray();
            return p + 1;
        }
        while (true) {
            if (p >= n) {
                throw new PgValueFormatException("array", s);
            }
            char c = s.charAt(p);
            if (c == '{') {
                p = parse(s, p, out);
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                p = Literals.quoted(s, p, b, false);
                element.writeText(b.toString(), out);
            } else {
                int e = p;
                while (e < n && s.charAt(e) != delimiter && s.charAt(e) != '}') {
                    e++;
                }
                if (e == p) {
                    throw new PgValueFormatException("array", s);
                }
                if (e - p == 4 && s.regionMatches(true, p, "NULL", 0, 4)) {
                    out.writeNull();
                } else {
                    element.writeText(s.substring(p, e), out);
                }
                p = e;
            }
            if (p >= n) {
                throw new PgValueFormatException("array", s);
            }
            c = s.charAt(p++);
            if (c == '}') {
                out.writeEndArray();
                return p;
            } else if (c != delimiter) {
                throw new PgValueFormatException("array", s);
            }
        }
    }

    @Override
    public boolean supportsBinary() {
        return element.supportsBinary();
    }

    /** array_send: int32 ndim, int32 has-nulls, int32 element OID, ndim × (int32 size, int32 lower bound), elements. */
    @Override
    public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
        if (len < 12) {
            throw new PgValueFormatException("array (binary)", len + " bytes");
        }
        int ndim = Parse.i32(b, off);
        if (ndim < 0 || ndim > 6 || len < 12 + 8 * ndim) {
            throw new PgValueFormatException("array (binary)", len + " bytes");
        }
        if (ndim == 0) {
            out.writeStartArray();
            out.writeEndArray();
            return;
        }
        int[] sizes = new int[ndim];
        for (int d = 0; d < ndim; d++) {
            sizes[d] = Parse.i32(b, off + 12 + 8 * d);
        }
        int[] pos = {off + 12 + 8 * ndim};
        writeDim(b, pos, off + len, sizes, 0, out);
        if (pos[0] != off + len) {
            throw new PgValueFormatException("array (binary)", len + " bytes");
        }
    }

    private void writeDim(byte[] b, int[] pos, int end, int[] sizes, int d, JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (int i = 0; i < sizes[d]; i++) {
            if (d + 1 < sizes.length) {
                writeDim(b, pos, end, sizes, d + 1, out);
                continue;
            }
            if (pos[0] + 4 > end) {
                throw new PgValueFormatException("array (binary)", "truncated");
            }
            int l = Parse.i32(b, pos[0]);
            pos[0] += 4;
            if (l < 0) {
                out.writeNull();
            } else {
                if (pos[0] + l > end) {
                    throw new PgValueFormatException("array (binary)", "truncated");
                }
                element.writeBinary(b, pos[0], l, out);
                pos[0] += l;
            }
        }
        out.writeEndArray();
    }
}
