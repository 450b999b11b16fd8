package io.walscope.core.types;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * hstore: a JSON object of string keys to string values or null, in the order hstore prints them (hstore sorts
 * by key length, then bytes; duplicate keys cannot occur). Text input: {@code "a"=>"1", "b"=>NULL}, keys and
 * values double-quoted with backslash escapes for {@code "} and {@code \}. Binary: int32 count, then per pair
 * int32 key length + key, int32 value length (-1 for NULL) + value.
 */
final class HstoreConverter implements ValueConverter {
    static final HstoreConverter INSTANCE = new HstoreConverter();

    private HstoreConverter() {
    }

    @Override
    public void writeText(String s, JsonGenerator out) throws IOException {
        int n = s.length();
        int p = skip(s, 0);
        out.writeStartObject();
        while (p < n) {
            StringBuilder key = new StringBuilder();
            if (s.charAt(p) != '"') {
                throw new PgValueFormatException("hstore", s);
            }
            p = skip(s, Literals.quoted(s, p, key, false));
            if (!s.startsWith("=>", p)) {
                throw new PgValueFormatException("hstore", s);
            }
            p = skip(s, p + 2);
            out.writeFieldName(key.toString());
            if (s.startsWith("NULL", p)) {
                out.writeNull();
                p += 4;
            } else if (p < n && s.charAt(p) == '"') {
                StringBuilder value = new StringBuilder();
                p = Literals.quoted(s, p, value, false);
                out.writeString(value.toString());
            } else {
                throw new PgValueFormatException("hstore", s);
            }
            p = skip(s, p);
            if (p < n) {
                if (s.charAt(p) != ',') {
                    throw new PgValueFormatException("hstore", s);
                }
                p = skip(s, p + 1);
            }
        }
        out.writeEndObject();
    }

    private static int skip(String s, int p) {
        while (p < s.length() && s.charAt(p) == ' ') {
            p++;
        }
        return p;
    }

    @Override
    public boolean supportsBinary() {
        return true;
    }

    @Override
    public void writeBinary(byte[] b, int off, int len, JsonGenerator out) throws IOException {
        int end = off + len;
        int count = Parse.i32(b, off);
        int p = off + 4;
        out.writeStartObject();
        for (int i = 0; i < count; i++) {
            int kl = Parse.i32(b, p);
            out.writeFieldName(new String(b, p + 4, kl, StandardCharsets.UTF_8));
            p += 4 + kl;
            int vl = Parse.i32(b, p);
            p += 4;
            if (vl < 0) {
                out.writeNull();
            } else {
                Parse.writeUtf8(out, b, p, vl);
                p += vl;
            }
        }
        out.writeEndObject();
        if (p != end) {
            throw new PgValueFormatException("hstore (binary)", len + " bytes");
        }
    }
}
