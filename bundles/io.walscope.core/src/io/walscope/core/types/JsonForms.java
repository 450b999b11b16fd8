package io.walscope.core.types;

/** The JSON forms in words, as the catalog and the CLI show them. */
final class JsonForms {
    static final String STRING = "string: the text as PostgreSQL prints it";
    static final String INT = "number: integer";
    static final String INT64 = "number: 64-bit integer (beyond 2^53 parse as big integer)";
    static final String UINT32 = "number: unsigned 32-bit integer";
    static final String FLOAT = "number (shortest round-trip form); NaN, Infinity, -Infinity as strings";
    static final String NUMERIC = "string: decimal text as printed, scale kept; \"NaN\", \"Infinity\", \"-Infinity\"";
    static final String BOOL = "boolean";
    static final String BYTES = "string: base64 (RFC 4648, padded) of the bytes";
    static final String BITS = "string: bits as '0'/'1' characters, e.g. \"0101\"";
    static final String DATE = "string: ISO-8601 date; BC as astronomical year (0044-03-15 BC -> -0043-03-15), "
            + "+YYYYY above 9999; \"infinity\", \"-infinity\"";
    static final String TIME = "string: HH:MM:SS.ffffff (6 fractional digits)";
    static final String TIMETZ = "string: HH:MM:SS.ffffff+HH:MM, offset kept";
    static final String TIMESTAMP = "string: ISO-8601 local date-time, 6 fractional digits "
            + "(2024-01-31T12:00:00.000000), BC as astronomical year; \"infinity\", \"-infinity\"";
    static final String TIMESTAMPTZ = "string: ISO-8601 date-time in UTC, 6 fractional digits and Z "
            + "(2024-01-31T06:30:00.000000Z); \"infinity\", \"-infinity\"";
    static final String INTERVAL = "object: {\"iso\": ISO-8601 as IntervalStyle iso_8601 prints it, "
            + "\"months\", \"days\", \"microseconds\"} (PostgreSQL's exact parts)";
    static final String UUID = "string: lower-case 8-4-4-4-12";
    static final String JSON = "JSON value embedded as stored (whitespace, key order and duplicate keys kept)";
    static final String JSONB = "JSON value embedded as jsonb prints it (normalized)";
    static final String ENUM = "string: the label";
    static final String MONEY = "string: plain decimal (-1234.56): currency symbol, grouping and parentheses "
            + "removed";
    static final String REG = "string: the object name as PostgreSQL prints it (schema-qualified when not on the "
            + "search_path)";
    static final String HSTORE = "object: string keys to string values or null";
    static final String RANGE = "object: {\"lower\", \"upper\", \"lower_inc\", \"upper_inc\"} with bounds in the "
            + "subtype's form, null for an unbounded side; {\"empty\": true} for empty";
    static final String MULTIRANGE = "array of range objects ({\"lower\", \"upper\", \"lower_inc\", \"upper_inc\"})";
    static final String POINT = "string: WKT POINT(x y)";
    static final String LSEG = "string: WKT LINESTRING(x1 y1,x2 y2)";
    static final String BOX = "string: WKT POLYGON((x1 y1,x2 y1,x2 y2,x1 y2,x1 y1)) from lower-left";
    static final String PATH = "string: WKT LINESTRING for an open path, POLYGON (ring closed) for a closed path";
    static final String POLYGON = "string: WKT POLYGON, ring closed by repeating the first point";
    static final String PG_TEXT_GEOM = "string: PostgreSQL's text (no WKT form exists)";
    static final String EWKB = "string: hex EWKB as PostGIS prints it (SRID included)";
    static final String COMPOSITE = "string: PostgreSQL's row text, e.g. (1,\"a b\")";

    private JsonForms() {
    }

    /** The array form for an element form. */
    static String array(String elementForm, int depth) {
        String nested = depth > 1 ? depth + "-level nested arrays" : "array";
        return nested + " of (" + elementForm + "), SQL NULL elements as null; lower bounds ([0:1]=) dropped";
    }
}
