package io.walscope.core.types;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Test helper: runs a converter into both a UTF-8 byte generator and a Writer generator; both must give the same
 * JSON value, and the Writer's text is returned (the byte generator escapes characters outside the BMP as surrogate
 * pairs unless COMBINE_UNICODE_SURROGATES_IN_UTF8 is enabled, so the texts may differ there).
 */
final class Conv {
    static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private Conv() {
    }

    static String json(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
                body.write(g);
            }
            StringWriter chars = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(chars)) {
                body.write(g);
            }
            String viaBytes = bytes.toString(StandardCharsets.UTF_8);
            String viaChars = chars.toString();
            if (!viaBytes.equals(viaChars) && !MAPPER.readTree(viaBytes).equals(MAPPER.readTree(viaChars))) {
                throw new AssertionError("byte and char generators differ: " + viaBytes + " vs " + viaChars);
            }
            return viaChars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON for PostgreSQL text {@code pgText} (null = SQL NULL) through the converter of {@code typname}. */
    static String text(String typname, String pgText) {
        return text(PgColumnType.of(typname), pgText);
    }

    static String text(PgColumnType type, String pgText) {
        ValueConverter c = TypeCatalog.map(type).converter();
        return json(g -> c.write(pgText, g));
    }

    static String binary(String typname, byte[] b) {
        ValueConverter c = TypeCatalog.map(PgColumnType.of(typname)).converter();
        if (!c.supportsBinary()) {
            throw new AssertionError(typname + " does not support binary");
        }
        return json(g -> c.writeBinary(b, 0, b.length, g));
    }

    /** Big-endian bytes of the given ints/longs: each argument is written as 4 bytes if an Integer, 8 if a Long. */
    static byte[] be(Object... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Long) {
                long v = (Long) p;
                for (int i = 7; i >= 0; i--) {
                    o.write((int) (v >>> (8 * i)));
                }
            } else if (p instanceof Short) {
                short v = (Short) p;
                o.write(v >>> 8);
                o.write(v);
            } else if (p instanceof Byte) {
                o.write((Byte) p);
            } else if (p instanceof byte[]) {
                o.writeBytes((byte[]) p);
            } else {
                int v = (Integer) p;
                for (int i = 3; i >= 0; i--) {
                    o.write(v >>> (8 * i));
                }
            }
        }
        return o.toByteArray();
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
