package io.walscope.core.types;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The scalar converters that need no calendar arithmetic. Each constant documents its JSON form.
 */
enum Scalars implements ValueConverter {
    /** Any text-like type: JSON string, exactly as PostgreSQL prints it. Binary: UTF-8 bytes. */
    STRING {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            out.writeString(text);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.writeUtf8(out, b, off, len);
        }
    },
    /**
     * Text-like types whose binary format is not their text (inet, macaddr, tsvector, reg*, geometric, ...):
     * JSON string of the text; no binary.
     */
    TEXT_ONLY {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            out.writeString(text);
        }

        @Override
        public boolean supportsBinary() {
            return false;
        }
    },
    /** bit, bit varying: JSON string of '0'/'1'. Binary: int32 bit count, then the bits, high bit first. */
    BITS {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            out.writeString(text);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            int bits = Parse.i32(b, off);
            if (bits < 0 || len != 4 + (bits + 7) / 8) {
                throw new PgValueFormatException("bit (binary)", len + " bytes");
            }
            char[] c = new char[bits];
            for (int i = 0; i < bits; i++) {
                c[i] = (b[off + 4 + (i >> 3)] & (0x80 >> (i & 7))) != 0 ? '1' : '0';
            }
            out.writeString(c, 0, bits);
        }
    },
    /** smallint: JSON number. */
    INT16 {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            long v = Parse.parseLong(text, 0, text.length(), "smallint");
            if (v != (short) v) {
                throw new PgValueFormatException("smallint", text);
            }
            out.writeNumber((short) v);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 2, "smallint");
            out.writeNumber((short) Parse.i16(b, off));
        }
    },
    /** integer: JSON number. */
    INT32 {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            long v = Parse.parseLong(text, 0, text.length(), "integer");
            if (v != (int) v) {
                throw new PgValueFormatException("integer", text);
            }
            out.writeNumber((int) v);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 4, "integer");
            out.writeNumber(Parse.i32(b, off));
        }
    },
    /** bigint: JSON number (all 64 bits; readers in JavaScript must parse it as BigInt). */
    INT64 {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            out.writeNumber(Parse.parseLong(text, 0, text.length(), "bigint"));
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 8, "bigint");
            out.writeNumber(Parse.i64(b, off));
        }
    },
    /** oid, xid, cid: unsigned 32-bit, JSON number. */
    UINT32 {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            long v = Parse.parseLong(text, 0, text.length(), "oid");
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new PgValueFormatException("oid", text);
            }
            out.writeNumber(v);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 4, "oid");
            out.writeNumber(Parse.i32(b, off) & 0xFFFFFFFFL);
        }
    },
    /** real: JSON number in Java's shortest round-trip form; NaN, Infinity, -Infinity as JSON strings. */
    FLOAT32 {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            float v;
            try {
                v = Float.parseFloat(text);
            } catch (NumberFormatException e) {
                throw new PgValueFormatException("real", text);
            }
            writeFloat(v, out);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 4, "real");
            writeFloat(Float.intBitsToFloat(Parse.i32(b, off)), out);
        }
    },
    /** double precision: JSON number in Java's round-trip form; NaN, Infinity, -Infinity as JSON strings. */
    FLOAT64 {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new PgValueFormatException("double precision", text);
            }
            writeDouble(v, out);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 8, "double precision");
            writeDouble(Double.longBitsToDouble(Parse.i64(b, off)), out);
        }
    },
    /** boolean: JSON true/false from t/f. */
    BOOL {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            if (text.length() == 1) {
                char c = text.charAt(0);
                if (c == 't') {
                    out.writeBoolean(true);
                    return;
                } else if (c == 'f') {
                    out.writeBoolean(false);
                    return;
                }
            } else if (text.equals("true") || text.equals("false")) {
                out.writeBoolean(text.length() == 4);
                return;
            }
            throw new PgValueFormatException("boolean", text);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 1, "boolean");
            out.writeBoolean(b[off] != 0);
        }
    },
    /** numeric: JSON string of the decimal text as PostgreSQL prints it (scale kept); NaN, Infinity, -Infinity. */
    NUMERIC {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            out.writeString(text);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            out.writeString(NumericBinary.toText(b, off, len));
        }
    },
    /** uuid: JSON string, lower-case 8-4-4-4-12. Binary: 16 bytes. */
    UUID {
        private final char[] hex = "0123456789abcdef".toCharArray();

        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            if (text.length() != 36) {
                throw new PgValueFormatException("uuid", text);
            }
            out.writeString(text);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            Parse.need(len, 16, "uuid");
            char[] c = new char[36];
            int p = 0;
            for (int i = 0; i < 16; i++) {
                if (i == 4 || i == 6 || i == 8 || i == 10) {
                    c[p++] = '-';
                }
                c[p++] = hex[(b[off + i] >> 4) & 0xF];
                c[p++] = hex[b[off + i] & 0xF];
            }
            out.writeString(c, 0, 36);
        }
    },
    /** json: the document embedded as raw JSON, byte for byte as stored (whitespace, key order, duplicates). */
    JSON {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            out.writeRawValue(text);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            out.writeRawValue(new String(b, off, len, StandardCharsets.UTF_8));
        }
    },
    /** jsonb: embedded raw JSON as jsonb prints it (normalized). Binary: version byte 1, then the text. */
    JSONB {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            out.writeRawValue(text);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            if (len < 1 || b[off] != 1) {
                throw new PgValueFormatException("jsonb (binary, version 1)", len + " bytes");
            }
            out.writeRawValue(new String(b, off + 1, len - 1, StandardCharsets.UTF_8));
        }
    },
    /** bytea: JSON string, standard base64 with padding; text read from hex (\x..) or escape output. */
    BYTEA {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            byte[] bytes = Bytea.decode(text);
            out.writeBinary(bytes, 0, bytes.length);
        }

        @Override
        public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
            out.writeBinary(b, off, len);
        }
    },
    /**
     * money: JSON string with a plain decimal ({@code -1234.56}): currency symbol, group separators and
     * parentheses removed. Assumes an {@code lc_monetary} with '.' as the decimal point (C, en_*).
     */
    MONEY {
        @Override
        public void writeText(String text, JsonGenerator out) throws IOException {
            StringBuilder b = new StringBuilder(text.length());
            boolean neg = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9' || c == '.') {
                    b.append(c);
                } else if (c == '-' || c == '(') {
                    neg = true;
                }
            }
            if (b.length() == 0) {
                throw new PgValueFormatException("money", text);
            }
            out.writeString(neg ? "-" + b : b.toString());
        }

        @Override
        public boolean supportsBinary() {
            return false;
        }
    };

    @Override
    public boolean supportsBinary() {
        return true;
    }

    static void writeFloat(float v, JsonGenerator out) throws IOException {
        if (Float.isFinite(v)) {
            out.writeNumber(v);
        } else {
            out.writeString(Float.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    static void writeDouble(double v, JsonGenerator out) throws IOException {
        if (Double.isFinite(v)) {
            out.writeNumber(v);
        } else {
            out.writeString(Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }
}
