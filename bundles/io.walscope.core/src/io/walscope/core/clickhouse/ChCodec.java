package io.walscope.core.clickhouse;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.walscope.core.types.ValueConverter;

/**
 * Writes one column's values in the form ClickHouse's {@code JSONEachRow} reads for the column's mapped type, from
 * PostgreSQL's text (or, inside arrays, from Walscope's canonical JSON). Values the ClickHouse type cannot hold get
 * one documented substitute each, so that ClickHouse never refuses a row:
 * <ul>
 * <li>{@code Decimal(p, s)}: NaN is NULL ({@code 0} in a NOT NULL column); Infinity and -Infinity, and values with
 * more integer digits than {@code p - s}, are the largest and smallest value the type holds; more fractional digits
 * than {@code s} are rounded half away from zero (as PostgreSQL rounds);</li>
 * <li>{@code Date32}: dates before 1900-01-01 (BC ones included) and -infinity are 1900-01-01; dates after 2299-12-31
 * and infinity are 2299-12-31 (Date32's range);</li>
 * <li>{@code DateTime64}: the same range, 1900-01-01 00:00:00 to 2299-12-31 23:59:59.999999, clamped the same way;
 * values are written as {@code YYYY-MM-DD hh:mm:ss.ffffff} in UTC;</li>
 * <li>{@code Float32/64}: NaN and ±Infinity are written as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}, which ClickHouse reads into the same values (no substitute);</li>
 * <li>{@code String}: the canonical JSON value's text: a JSON string's content, otherwise the JSON text itself
 * (interval, ranges, json/jsonb documents);</li>
 * <li>{@code Array(...)} / {@code Map(...)}: a SQL NULL column is the empty array or map (ClickHouse has no
 * Nullable arrays or maps); elements follow the rules above.</li>
 * </ul>
 */
public abstract class ChCodec {
    static final String DATE_MIN = "1900-01-01";
    static final String DATE_MAX = "2299-12-31";
    static final String TIME_MIN = "1900-01-01 00:00:00.000000";
    static final String TIME_MAX = "2299-12-31 23:59:59.999999";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory RENDER = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /** Whether the column is {@code Nullable} (or an array or map, whose NULL is empty). */
    final boolean nullable;

    ChCodec(boolean nullable) {
        this.nullable = nullable;
    }

    /** The codec of a ClickHouse column type as Walscope's DDL writes it. */
    public static ChCodec of(String chType) {
        return parse(chType.strip(), false);
    }

    private static ChCodec parse(String t, boolean nullable) {
        if (t.startsWith("Nullable(")) {
            return parse(inner(t), true);
        }
        if (t.startsWith("LowCardinality(")) {
            return parse(inner(t), nullable);
        }
        if (t.startsWith("Array(")) {
            return new ArrayCodec(parse(inner(t), false));
        }
        if (t.startsWith("Map(")) {
            return new MapCodec();
        }
        if (t.startsWith("Decimal(")) {
            String[] ps = inner(t).split(",");
            return new DecimalCodec(nullable, Integer.parseInt(ps[0].strip()), Integer.parseInt(ps[1].strip()));
        }
        if (t.startsWith("DateTime64")) {
            return new DateTimeCodec(nullable);
        }
        switch (t) {
        case "Int8":
        case "Int16":
        case "Int32":
        case "Int64":
        case "UInt8":
        case "UInt16":
        case "UInt32":
        case "UInt64":
            return new IntCodec(nullable);
        case "Float32":
        case "Float64":
            return new FloatCodec(nullable);
        case "Bool":
            return new BoolCodec(nullable);
        case "Date32":
        case "Date":
            return new DateCodec(nullable);
        default:
            return new StringCodec(nullable); // String, UUID, FixedString, Enum: the canonical string
        }
    }

    private static String inner(String t) {
        return t.substring(t.indexOf('(') + 1, t.lastIndexOf(')'));
    }

    /**
     * The value ClickHouse will hold for PostgreSQL's {@code text} (null: NULL) in a column of {@code mapping}, as
     * {@code JSONEachRow} carries it (a viewer's sample).
     */
    public static String sample(io.walscope.core.types.TypeMapping mapping, String text) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter(32);
        try (JsonGenerator g = RENDER.createGenerator(w)) {
            of(mapping.clickhouse()).write(text, mapping.converter(), g);
        }
        return w.toString();
    }

    /**
     * True when the ClickHouse form of every value is its canonical JSON (integers, floats, booleans, UUIDs, and
     * strings whose converter echoes the text): a writer may then let the tuple write the value itself.
     */
    public boolean canonical(ValueConverter conv, String chType) {
        return this instanceof IntCodec || this instanceof FloatCodec || this instanceof BoolCodec
                || this instanceof StringCodec && (echoes(conv) || chType.contains("UUID"));
    }

    /** Writes PostgreSQL's text as a JSON string (a String column whose converter {@link #echoes}). */
    public static void writePlain(String text, JsonGenerator g) throws IOException {
        if (text == null) {
            g.writeNull();
        } else {
            g.writeString(text);
        }
    }

    /**
     * Writes the value whose PostgreSQL text is {@code text} (null: SQL NULL); {@code conv} is the column's converter
     * to canonical JSON.
     */
    public void write(String text, ValueConverter conv, JsonGenerator g) throws IOException {
        if (text == null) {
            writeNull(g);
        } else {
            text(text, conv, g);
        }
    }

    void writeNull(JsonGenerator g) throws IOException {
        g.writeNull();
    }

    /** From PostgreSQL's text; by default through the canonical JSON. */
    void text(String text, ValueConverter conv, JsonGenerator g) throws IOException {
        node(MAPPER.readTree(render(text, conv)), g);
    }

    /** From a canonical JSON value (never JSON null). */
    abstract void node(JsonNode n, JsonGenerator g) throws IOException;

    /** The canonical JSON text of a value. */
    static String render(String text, ValueConverter conv) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter(32);
        try (JsonGenerator r = RENDER.createGenerator(w)) {
            conv.writeText(text, r);
        }
        return w.toString();
    }

    /** The content of a rendered JSON string without escapes (dates, times), else the text. */
    static String unquote(String json) {
        return json.length() >= 2 && json.charAt(0) == '"' ? json.substring(1, json.length() - 1) : json;
    }

    static final class IntCodec extends ChCodec {
        IntCodec(boolean nullable) {
            super(nullable);
        }

        @Override
        void text(String text, ValueConverter conv, JsonGenerator g) throws IOException {
            g.writeNumber(text);
        }

        @Override
        void node(JsonNode n, JsonGenerator g) throws IOException {
            g.writeNumber(n.asText());
        }
    }

    static final class FloatCodec extends ChCodec {
        FloatCodec(boolean nullable) {
            super(nullable);
        }

        @Override
        void text(String text, ValueConverter conv, JsonGenerator g) throws IOException {
            String special = special(text);
            if (special != null) {
                g.writeString(special);
            } else {
                g.writeNumber(text);
            }
        }

        @Override
        void node(JsonNode n, JsonGenerator g) throws IOException {
            if (n.isTextual()) {
                String s = special(n.textValue());
                g.writeString(s != null ? s : n.textValue());
            } else {
                g.writeNumber(n.asText());
            }
        }

        /** PostgreSQL's spelling, which ClickHouse reads too (quoted: JSON has no NaN). */
        private static String special(String s) {
            switch (s) {
            case "NaN":
            case "Infinity":
            case "-Infinity":
                return s;
            default:
                return null;
            }
        }
    }

    static final class BoolCodec extends ChCodec {
        BoolCodec(boolean nullable) {
            super(nullable);
        }

        @Override
        void text(String text, ValueConverter conv, JsonGenerator g) throws IOException {
            g.writeBoolean(text.equals("t") || text.equals("true"));
        }

        @Override
        void node(JsonNode n, JsonGenerator g) throws IOException {
            g.writeBoolean(n.asBoolean());
        }
    }

    static final class DecimalCodec extends ChCodec {
        private final int scale;
        private final BigDecimal max;

        DecimalCodec(boolean nullable, int precision, int scale) {
            super(nullable);
            this.scale = scale;
            this.max = BigDecimal.TEN.pow(precision).subtract(BigDecimal.ONE).movePointLeft(scale);
        }

        @Override
        void text(String text, ValueConverter conv, JsonGenerator g) throws IOException {
            g.writeRawValue(value(text));
        }

        @Override
        void node(JsonNode n, JsonGenerator g) throws IOException {
            g.writeRawValue(value(n.asText()));
        }

        /** The ClickHouse value (a JSON number, or null) of a decimal text. */
        String value(String s) {
            switch (s) {
            case "NaN":
                return nullable ? "null" : "0";
            case "Infinity":
                return max.toPlainString();
            case "-Infinity":
                return max.negate().toPlainString();
            default:
                BigDecimal d = new BigDecimal(s);
                if (d.scale() > scale) {
                    d = d.setScale(scale, RoundingMode.HALF_UP);
                }
                if (d.abs().compareTo(max) > 0) {
                    d = d.signum() > 0 ? max : max.negate();
                }
                return d.toPlainString();
            }
        }
    }

    static final class DateCodec extends ChCodec {
        DateCodec(boolean nullable) {
            super(nullable);
        }

        @Override
        void text(String text, ValueConverter conv, JsonGenerator g) throws IOException {
            g.writeString(value(text));
        }

        @Override
        void node(JsonNode n, JsonGenerator g) throws IOException {
            g.writeString(value(n.asText()));
        }

        /** PostgreSQL's ISO text ({@code 0044-03-15 BC}) or the canonical form ({@code -0043-03-15}), clamped. */
        static String value(String s) {
            if (s.equals("infinity") || s.startsWith("+")) {
                return DATE_MAX;
            }
            if (s.equals("-infinity") || s.startsWith("-") || s.endsWith(" BC")) {
                return DATE_MIN;
            }
            if (s.indexOf('-') > 4) {
                return DATE_MAX; // a five-digit year
            }
            return s.compareTo(DATE_MIN) < 0 ? DATE_MIN : s.compareTo(DATE_MAX) > 0 ? DATE_MAX : s;
        }
    }

    static final class DateTimeCodec extends ChCodec {
        DateTimeCodec(boolean nullable) {
            super(nullable);
        }

        @Override
        void text(String text, ValueConverter conv, JsonGenerator g) throws IOException {
            g.writeString(value(unquote(render(text, conv))));
        }

        @Override
        void node(JsonNode n, JsonGenerator g) throws IOException {
            g.writeString(value(n.asText()));
        }

        /** A canonical timestamp ({@code 2024-01-31T06:30:00.123000Z}, {@code -0043-...}, {@code infinity}). */
        static String value(String s) {
            if (s.equals("infinity") || s.startsWith("+")) {
                return TIME_MAX;
            }
            if (s.equals("-infinity") || s.startsWith("-")) {
                return TIME_MIN;
            }
            String v = s.replace('T', ' ');
            if (v.endsWith("Z")) {
                v = v.substring(0, v.length() - 1);
            }
            return v.compareTo(TIME_MIN) < 0 ? TIME_MIN : v.compareTo(TIME_MAX) > 0 ? TIME_MAX : v;
        }
    }

    /**
     * True when {@code conv} writes PostgreSQL's text unchanged as a JSON string (text, varchar, enums, xml, ...):
     * then a String column takes the text without rendering.
     */
    public static boolean echoes(ValueConverter conv) {
        try {
            return render("walscope", conv).equals("\"walscope\"");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static final class StringCodec extends ChCodec {
        StringCodec(boolean nullable) {
            super(nullable);
        }

        @Override
        void text(String text, ValueConverter conv, JsonGenerator g) throws IOException {
            String json = render(text, conv);
            if (json.startsWith("\"")) {
                g.writeRawValue(json); // already the JSON string ClickHouse reads
            } else {
                g.writeString(json);
            }
        }

        @Override
        void node(JsonNode n, JsonGenerator g) throws IOException {
            g.writeString(n.isTextual() ? n.textValue() : n.toString());
        }
    }

    static final class ArrayCodec extends ChCodec {
        private final ChCodec element;

        ArrayCodec(ChCodec element) {
            super(false);
            this.element = element;
        }

        @Override
        void writeNull(JsonGenerator g) throws IOException {
            g.writeStartArray();
            g.writeEndArray();
        }

        @Override
        void node(JsonNode n, JsonGenerator g) throws IOException {
            g.writeStartArray();
            for (JsonNode e : n) {
                if (e.isNull()) {
                    element.writeNull(g);
                } else {
                    element.node(e, g);
                }
            }
            g.writeEndArray();
        }
    }

    static final class MapCodec extends ChCodec {
        MapCodec() {
            super(false);
        }

        @Override
        void writeNull(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeEndObject();
        }

        @Override
        void node(JsonNode n, JsonGenerator g) throws IOException {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                g.writeFieldName(e.getKey());
                if (e.getValue().isNull()) {
                    g.writeNull();
                } else {
                    g.writeString(e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString());
                }
            }
            g.writeEndObject();
        }
    }
}
