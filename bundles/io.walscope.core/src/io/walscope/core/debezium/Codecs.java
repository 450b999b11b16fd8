package io.walscope.core.debezium;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.walscope.core.debezium.Codec.Path;
import io.walscope.core.debezium.ConnectSchema.Type;
import io.walscope.core.debezium.DebeziumOptions.BinaryHandling;
import io.walscope.core.types.PgColumnType;

/**
 * The Debezium codec of each PostgreSQL column type, following Debezium's PostgreSQL value converter: the schema it
 * builds for the type and the value it makes of the type's text, with its quirks (a streamed {@code name} is
 * NULL, numeric NaN is NULL under {@code precise}, ...). Types Debezium does not know (geometric types other than
 * point, reg*, xid, pg_lsn, tsquery, multiranges, composite types, arrays of domains, ...) have no codec: the
 * column is left out of the record, as Debezium leaves it out with {@code include.unknown.datatypes=false}.
 */
final class Codecs {
    private static final int MONEY_SCALE = 2;
    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    private Codecs() {
    }

    /** The codec of a column, or null when Debezium leaves the column out. */
    static Codec forColumn(ColumnShape c, DebeziumOptions o) {
        PgColumnType t = c.type();
        int typmod = t.typmod();
        boolean domain = false;
        while (t.typtype() == 'd') {
            if (t.element() == null) {
                return null;
            }
            t = t.element();
            domain = true;
            if (typmod == -1) {
                typmod = t.typmod();
            }
        }
        Codec k = forType(t, typmod, o);
        if (k == null) {
            return null;
        }
        if (domain) {
            k = k.withDefaults(null); // Debezium finds no default parser for a domain's type name
        } else if (t.typtype() == 'e') {
            String typname = t.typname();
            k = k.withDefaults(e -> Defaults.enumLabel(typname, e));
        }
        return k.withToast(Toasts.of(t, k, o));
    }

    /** The codec of a (root, non-domain) type with {@code typmod}, or null. */
    static Codec forType(PgColumnType t, int typmod, DebeziumOptions o) {
        if (t.typtype() == 'e') {
            ConnectSchema s = ConnectSchema.of(Type.STRING).named("io.debezium.data.Enum", 1).param("allowed",
                    String.join(",", t.enumLabels()));
            return new Codec(s, (v, p) -> v, "", null, null);
        }
        String name = t.typname();
        boolean builtin = t.typeSchema() == null || "pg_catalog".equals(t.typeSchema());
        if (t.isArray()) {
            return ArrayCodecs.forArray(t, typmod, o);
        }
        if (!builtin) {
            return extension(name, o);
        }
        switch (name) {
        case "bool":
            return new Codec(ConnectSchema.of(Type.BOOLEAN), (v, p) -> bool(v), false, null,
                    e -> Boolean.parseBoolean(nullable(e, "false")));
        case "bit":
        case "varbit":
            return bits(name, typmod);
        case "int2":
            return new Codec(ConnectSchema.of(Type.INT16), (v, p) -> Short.valueOf(v), (short) 0, null,
                    e -> Short.valueOf(nullable(e, "0")));
        case "int4":
            return new Codec(ConnectSchema.of(Type.INT32), (v, p) -> Integer.valueOf(v), 0, null,
                    e -> Integer.valueOf(nullable(e, "0")));
        case "int8":
            return new Codec(ConnectSchema.of(Type.INT64), (v, p) -> Long.valueOf(v), 0L, null,
                    e -> Long.valueOf(nullable(e, "0")));
        case "oid":
            return new Codec(ConnectSchema.of(Type.INT64), (v, p) -> Long.valueOf(v), 0L, null, null);
        case "float4":
            return new Codec(ConnectSchema.of(Type.FLOAT32), (v, p) -> Float.valueOf(v), 0.0f, null,
                    e -> Float.valueOf(nullable(e, "0.0")));
        case "float8":
            return new Codec(ConnectSchema.of(Type.FLOAT64), (v, p) -> Double.valueOf(v), 0.0d, null,
                    e -> Double.valueOf(nullable(e, "0.0")));
        case "numeric":
            return Numerics.numeric(typmod, o.decimal());
        case "money":
            return Numerics.money(o.decimal(), MONEY_SCALE);
        case "bpchar":
        case "varchar":
        case "text":
            return new Codec(ConnectSchema.of(Type.STRING), (v, p) -> v, "", null, e -> Defaults.literal(e, ""));
        case "char":
            return string(ConnectSchema.of(Type.STRING));
        case "name":
            // streamed: Debezium's pgoutput reader has no case for name and reads NULL; the snapshot reads the text
            return new Codec(ConnectSchema.of(Type.STRING), (v, p) -> p == Path.STREAM ? null : v, "", null, null);
        case "bytea":
            return bytea(o.binary());
        case "json":
        case "jsonb":
            return string(named(Type.STRING, "io.debezium.data.Json")).withDefaults(e -> Defaults.literal(e, "{}"));
        case "xml":
            return string(named(Type.STRING, "io.debezium.data.Xml")).withDefaults(e -> Defaults.literal(e, ""));
        case "uuid":
            return new Codec(named(Type.STRING, "io.debezium.data.Uuid"), (v, p) -> v, "", null,
                    e -> UUID.fromString(Defaults.literal(e, "00000000-0000-0000-0000-000000000000")).toString());
        case "tsvector":
            return string(named(Type.STRING, "io.debezium.data.Tsvector"));
        case "inet":
        case "cidr":
        case "macaddr":
        case "macaddr8":
        case "int4range":
        case "int8range":
        case "numrange":
        case "tsrange":
        case "tstzrange":
        case "daterange":
            return string(ConnectSchema.of(Type.STRING));
        case "date":
            return TimeCodecs.date(o.time());
        case "time":
            return TimeCodecs.time(o.time(), typmod < 0 ? 6 : typmod);
        case "timetz":
            return TimeCodecs.timetz();
        case "timestamp":
            return TimeCodecs.timestamp(o.time(), typmod < 0 ? 6 : typmod);
        case "timestamptz":
            return TimeCodecs.timestamptz(typmod < 0 ? 6 : typmod);
        case "interval":
            return TimeCodecs.interval(o.interval());
        case "point":
            return point();
        case "int2vector":
            return ArrayCodecs.vector(ConnectSchema.of(Type.INT16));
        case "oidvector":
            return ArrayCodecs.vector(ConnectSchema.of(Type.INT64));
        default:
            return null;
        }
    }

    /** Types Debezium knows by name, in whatever schema their extension lives. */
    private static Codec extension(String name, DebeziumOptions o) {
        switch (name) {
        case "citext":
        case "isbn":
            return string(ConnectSchema.of(Type.STRING));
        case "ltree":
            return string(named(Type.STRING, "io.debezium.data.Ltree"));
        case "hstore":
            return new Codec(named(Type.STRING, "io.debezium.data.Json"), (v, p) -> hstoreJson(PgText.hstore(v)),
                    "{}", null, null);
        case "geometry":
            return geometry("io.debezium.data.geometry.Geometry", "Geometry");
        case "geography":
            return geometry("io.debezium.data.geometry.Geography", "Geography");
        default:
            return null;
        }
    }

    static ConnectSchema named(Type t, String name) {
        return ConnectSchema.of(t).named(name, 1);
    }

    private static Codec string(ConnectSchema s) {
        return new Codec(s, (v, p) -> v, "", null, null);
    }

    private static String nullable(String e, String placeholder) {
        if (e.trim().startsWith("NULL::")) {
            throw new PgText.Unconvertible("NULL default");
        }
        return Defaults.literal(e, placeholder);
    }

    /** pgoutput's {@code t}/{@code f}; a snapshot's {@code ::text} gives {@code true}/{@code false}. */
    static Boolean bool(String v) {
        return v.equals("t") || v.equals("true");
    }

    private static Codec bits(String name, int typmod) {
        int length = typmod < 0 ? (name.equals("bit") ? 1 : Integer.MAX_VALUE) : typmod;
        if (length <= 1) {
            return new Codec(ConnectSchema.of(Type.BOOLEAN), (v, p) -> Integer.parseInt(v, 2) != 0, false, null,
                    e -> "1".equals(Defaults.literal(e, "00")));
        }
        ConnectSchema s = named(Type.BYTES, "io.debezium.data.Bits").param("length", Integer.toString(length));
        return new Codec(s, (v, p) -> bits(v), new byte[0], null, e -> bits(Defaults.literal(e, "00")));
    }

    /** Debezium's bits: little-endian, as few bytes as the highest set bit needs. */
    static byte[] bits(String v) {
        BitSet b = new BitSet(v.length());
        int n = v.length();
        for (int i = n - 1; i >= 0; i--) {
            if (v.charAt(i) == '1') {
                b.set(n - i - 1);
            }
        }
        int bytes = b.length() / 8 + (b.length() % 8 == 0 ? 0 : 1);
        byte[] out = b.toByteArray();
        if (out.length < bytes) {
            out = java.util.Arrays.copyOf(out, bytes);
        }
        return out;
    }

    static Codec bytea(BinaryHandling mode) {
        ConnectSchema s = ConnectSchema.of(mode == BinaryHandling.BYTES ? Type.BYTES : Type.STRING);
        return new Codec(s, (v, p) -> binary(PgText.bytea(v), mode), mode == BinaryHandling.BYTES ? new byte[0] : "",
                null, null);
    }

    /** Bytes in {@code binary.handling.mode}. */
    static Object binary(byte[] b, BinaryHandling mode) {
        switch (mode) {
        case BASE64:
            return Base64.getEncoder().encodeToString(b);
        case BASE64_URL_SAFE:
            return Base64.getUrlEncoder().encodeToString(b);
        case HEX:
            StringBuilder h = new StringBuilder(b.length * 2);
            for (byte x : b) {
                h.append(Character.forDigit(x >> 4 & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return h.toString();
        default:
            return b;
        }
    }

    private static Codec point() {
        ConnectSchema s = ConnectSchema.struct("x", ConnectSchema.of(Type.FLOAT64), "y",
                ConnectSchema.of(Type.FLOAT64), "wkb", ConnectSchema.of(Type.BYTES).optional(), "srid",
                ConnectSchema.of(Type.INT32).optional()).named("io.debezium.data.geometry.Point", 1)
                .doc("Geometry (POINT)");
        return new Codec(s, (v, p) -> {
            double[] xy = PgText.point(v);
            return point(s, xy[0], xy[1]);
        }, point(s, 0, 0), null, null);
    }

    private static ConnectJson.Struct point(ConnectSchema s, double x, double y) {
        ByteBuffer wkb = ByteBuffer.allocate(21);
        wkb.put((byte) 1);
        wkb.order(ByteOrder.LITTLE_ENDIAN);
        wkb.putInt(1);
        wkb.putDouble(x);
        wkb.putDouble(y);
        return new ConnectJson.Struct(s, new Object[] {x, y, wkb.array(), null});
    }

    private static Codec geometry(String name, String doc) {
        ConnectSchema s = ConnectSchema.struct("wkb", ConnectSchema.of(Type.BYTES), "srid",
                ConnectSchema.of(Type.INT32).optional()).named(name, 1).doc(doc).optional();
        return new Codec(s, (v, p) -> geometry(s, v), geometry(s, "010700000000000000"), null, null);
    }

    /** PostGIS hex EWKB: the bytes as they are, the SRID read from them when the EWKB flag says it is there. */
    static ConnectJson.Struct geometry(ConnectSchema s, String hex) {
        byte[] ewkb = PgText.bytea("\\x" + hex.toLowerCase(Locale.ROOT));
        if (ewkb.length < 9) {
            throw new PgText.Unconvertible("geometry");
        }
        ByteBuffer r = ByteBuffer.wrap(ewkb);
        r.order(r.get() != 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int type = r.getInt();
        Integer srid = (type & 0x20000000) != 0 ? r.getInt() : null;
        return new ConnectJson.Struct(s, new Object[] {ewkb, srid});
    }

    /** hstore as Debezium's JSON text: Jackson's object of the map (a HashMap, in its order). */
    static String hstoreJson(Map<String, String> m) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : m.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

}
