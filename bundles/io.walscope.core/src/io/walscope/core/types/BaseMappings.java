package io.walscope.core.types;

import io.walscope.core.types.CanonicalType.Kind;

/**
 * The mapping of each built-in and known extension base type, with the ClickHouse type as for a NOT NULL column
 * ({@link TypeCatalog} adds {@code Nullable}). Returns null for a base type Walscope does not know.
 */
final class BaseMappings {
    // the substitutes --format clickhouse writes (io.walscope.core.clickhouse.ChCodec), one rule per case
    private static final String DATE_NOTE = "Date32 holds 1900-01-01..2299-12-31: earlier dates (BC too) and -infinity"
            + " load as 1900-01-01, later ones and infinity as 2299-12-31";
    private static final String TIME_NOTE = "DateTime64 is read as 1900-01-01..2299-12-31: earlier values (BC too) and"
            + " -infinity load as 1900-01-01 00:00:00, later ones and infinity as 2299-12-31 23:59:59.999999";
    private static final String NAN_NOTE = "Decimal has no NaN or ±Infinity (PG 14+): NaN loads as NULL (0 in a NOT NULL"
            + " column), ±Infinity as the largest/smallest value the Decimal holds";

    private BaseMappings() {
    }

    static TypeMapping of(String typname, int typmod, String pg) {
        switch (typname) {
        case "int2":
            return m(pg, Kind.INT16, JsonForms.INT, "Int16", Scalars.INT16);
        case "int4":
            return m(pg, Kind.INT32, JsonForms.INT, "Int32", Scalars.INT32);
        case "int8":
            return m(pg, Kind.INT64, JsonForms.INT64, "Int64", Scalars.INT64);
        case "float4":
            return m(pg, Kind.FLOAT32, JsonForms.FLOAT, "Float32", Scalars.FLOAT32);
        case "float8":
            return m(pg, Kind.FLOAT64, JsonForms.FLOAT, "Float64", Scalars.FLOAT64);
        case "bool":
            return m(pg, Kind.BOOL, JsonForms.BOOL, "Bool", Scalars.BOOL);
        case "numeric":
            return numeric(typmod, pg);
        case "money":
            return new TypeMapping(pg, CanonicalType.of(Kind.MONEY), JsonForms.MONEY, "String", Status.LOSSY,
                    "text form depends on lc_monetary (read assuming '.' decimal point) and the fraction digits are "
                            + "not in the value; binary not supported",
                    Scalars.MONEY);
        case "oid":
        case "xid":
        case "cid":
            return new TypeMapping(pg, new CanonicalType(Kind.OID, -1, 0, null, null, typname), JsonForms.UINT32,
                    "UInt32", Status.FULL, "", Scalars.UINT32);
        case "xid8":
            return new TypeMapping(pg, new CanonicalType(Kind.OID, -1, 0, null, null, typname), JsonForms.INT64,
                    "UInt64", Status.FULL, "values above 2^63-1 are rejected (no server gets there)", Scalars.INT64);
        case "text":
        case "varchar":
        case "name":
        case "citext":
        case "char":
            return m(pg, Kind.STRING, JsonForms.STRING, "String", Scalars.STRING);
        case "bpchar":
            return new TypeMapping(pg, CanonicalType.STRING, JsonForms.STRING, "String", Status.FULL,
                    "blank-padded to the declared length, as PostgreSQL prints it", Scalars.STRING);
        case "bytea":
            return new TypeMapping(pg, CanonicalType.of(Kind.BYTES), JsonForms.BYTES, "String", Status.FULL,
                    "ClickHouse String holds the base64 text: base64Decode() gives the bytes", Scalars.BYTEA);
        case "bit":
            return new TypeMapping(pg, CanonicalType.of(Kind.BITS, typmod), JsonForms.BITS, "String", Status.FULL,
                    "", Scalars.BITS);
        case "varbit":
            return new TypeMapping(pg, CanonicalType.of(Kind.VARBITS, typmod), JsonForms.BITS, "String",
                    Status.FULL, "", Scalars.BITS);
        case "date":
            return new TypeMapping(pg, CanonicalType.of(Kind.DATE), JsonForms.DATE, "Date32", Status.LOSSY,
                    DATE_NOTE, DateTimes.DATE);
        case "time":
            return new TypeMapping(pg, CanonicalType.of(Kind.TIME, typmod), JsonForms.TIME, "String", Status.FULL,
                    "", DateTimes.TIME);
        case "timetz":
            return new TypeMapping(pg, CanonicalType.of(Kind.TIMETZ, typmod), JsonForms.TIMETZ, "String",
                    Status.FULL, "", DateTimes.TIMETZ);
        case "timestamp":
            return new TypeMapping(pg, CanonicalType.of(Kind.TIMESTAMP, typmod), JsonForms.TIMESTAMP,
                    "DateTime64(" + (typmod < 0 ? 6 : typmod) + ", 'UTC')", Status.LOSSY,
                    "wall-clock value stored as if UTC so it reads back unchanged; " + TIME_NOTE,
                    DateTimes.TIMESTAMP);
        case "timestamptz":
            return new TypeMapping(pg, CanonicalType.of(Kind.TIMESTAMPTZ, typmod), JsonForms.TIMESTAMPTZ,
                    "DateTime64(" + (typmod < 0 ? 6 : typmod) + ", 'UTC')", Status.LOSSY, TIME_NOTE,
                    DateTimes.TIMESTAMPTZ);
        case "interval":
            return new TypeMapping(pg, CanonicalType.of(Kind.INTERVAL), JsonForms.INTERVAL, "String", Status.FULL,
                    "ClickHouse String holds the JSON object's text", IntervalConverter.INSTANCE);
        case "uuid":
            return m(pg, Kind.UUID, JsonForms.UUID, "UUID", Scalars.UUID);
        case "json":
            return new TypeMapping(pg, CanonicalType.of(Kind.JSON), JsonForms.JSON, "String", Status.FULL,
                    "String keeps the document exactly; ClickHouse's JSON type is an option on 25.3+", Scalars.JSON);
        case "jsonb":
            return new TypeMapping(pg, CanonicalType.of(Kind.JSON), JsonForms.JSONB, "String", Status.FULL,
                    "String keeps the document exactly; ClickHouse's JSON type is an option on 25.3+",
                    Scalars.JSONB);
        case "xml":
            return m(pg, Kind.XML, JsonForms.STRING, "String", Scalars.STRING);
        case "inet":
            return m(pg, Kind.INET, JsonForms.STRING, "String", Scalars.TEXT_ONLY);
        case "cidr":
            return m(pg, Kind.CIDR, JsonForms.STRING, "String", Scalars.TEXT_ONLY);
        case "macaddr":
            return m(pg, Kind.MACADDR, JsonForms.STRING, "String", SystemScalars.MACADDR);
        case "macaddr8":
            return m(pg, Kind.MACADDR8, JsonForms.STRING, "String", SystemScalars.MACADDR8);
        case "tsvector":
            return m(pg, Kind.TSVECTOR, JsonForms.STRING, "String", Scalars.TEXT_ONLY);
        case "tsquery":
            return m(pg, Kind.TSQUERY, JsonForms.STRING, "String", Scalars.TEXT_ONLY);
        case "point":
            return m(pg, Kind.POINT, JsonForms.POINT, "String", Geometric.POINT);
        case "lseg":
            return m(pg, Kind.LSEG, JsonForms.LSEG, "String", Geometric.LSEG);
        case "box":
            return m(pg, Kind.BOX, JsonForms.BOX, "String", Geometric.BOX);
        case "path":
            return m(pg, Kind.PATH, JsonForms.PATH, "String", Geometric.PATH);
        case "polygon":
            return m(pg, Kind.POLYGON, JsonForms.POLYGON, "String", Geometric.POLYGON);
        case "circle":
        case "line":
            return new TypeMapping(pg, CanonicalType.of(typname.equals("line") ? Kind.LINE : Kind.CIRCLE),
                    JsonForms.PG_TEXT_GEOM, "String", Status.LOSSY,
                    "WKT has no " + typname + ": PostgreSQL's text ("
                            + (typname.equals("line") ? "{A,B,C}" : "<(x,y),r>") + ") is kept, GIS tools cannot read it",
                    Scalars.TEXT_ONLY);
        case "geometry":
        case "geography":
            return new TypeMapping(pg, new CanonicalType(typname.equals("geometry") ? Kind.GEOMETRY : Kind.GEOGRAPHY,
                    -1, 0, null, null, modifier(pg)), JsonForms.EWKB, "String", Status.FULL,
                    "PostGIS prints hex EWKB (lossless); WKT would need ST_AsText on the server", Scalars.TEXT_ONLY);
        case "hstore":
            return m(pg, Kind.HSTORE, JsonForms.HSTORE, "Map(String, Nullable(String))", HstoreConverter.INSTANCE);
        case "regproc":
        case "regprocedure":
        case "regoper":
        case "regoperator":
        case "regclass":
        case "regtype":
        case "regrole":
        case "regnamespace":
        case "regconfig":
        case "regdictionary":
        case "regcollation":
            return new TypeMapping(pg, CanonicalType.reg(typname), JsonForms.REG, "String", Status.LOSSY,
                    "the name only: the OID is not carried and a rename changes how later values print",
                    Scalars.TEXT_ONLY);
        case "pg_lsn":
            return new TypeMapping(pg, CanonicalType.STRING, JsonForms.STRING, "String", Status.FULL,
                    "system type carried as its text", SystemScalars.PG_LSN);
        case "tid":
        case "int2vector":
        case "oidvector":
        case "aclitem":
        case "refcursor":
        case "txid_snapshot":
        case "pg_snapshot":
        case "jsonpath":
            return new TypeMapping(pg, CanonicalType.STRING, JsonForms.STRING, "String", Status.FULL,
                    "system type carried as its text", Scalars.TEXT_ONLY);
        default:
            return null;
        }
    }

    private static TypeMapping m(String pg, Kind kind, String json, String ch, ValueConverter conv) {
        return new TypeMapping(pg, CanonicalType.of(kind), json, ch, Status.FULL, "", conv);
    }

    /** {@code Point,4326} of {@code geometry(Point,4326)}, or null. */
    private static String modifier(String pg) {
        int open = pg.indexOf('(');
        return open < 0 || !pg.endsWith(")") ? null : pg.substring(open + 1, pg.length() - 1);
    }

    /**
     * numeric(p,s) to Decimal(p,s) when p &le; 76 (scale above precision &rarr; Decimal(s,s); negative scale, PG 15+,
     * &rarr; Decimal(p-s,0), both exact); p &gt; 76 to String (exact text). Unbounded numeric to Decimal(76,38),
     * lossy: the common choice of peers (PeerDB), keeps arithmetic in ClickHouse, and the note tells the user what is
     * lost.
     */
    private static TypeMapping numeric(int typmod, String pg) {
        if (typmod < 4) {
            return new TypeMapping(pg, CanonicalType.decimal(-1, 0), JsonForms.NUMERIC, "Decimal(76, 38)",
                    Status.LOSSY,
                    "unbounded numeric: Decimal(76, 38) rounds half away from zero beyond 38 fractional digits, and values"
                            + " of more than 38 integer digits load as its largest/smallest value; " + NAN_NOTE
                            + ". Declare numeric(p,s) or map to String to keep every value",
                    Scalars.NUMERIC);
        }
        int p = BuiltinTypes.numericPrecision(typmod);
        int s = BuiltinTypes.numericScale(typmod);
        int chP = s < 0 ? p - s : Math.max(p, s);
        int chS = Math.max(s, 0);
        CanonicalType t = CanonicalType.decimal(p, s);
        if (chP > 76) {
            return new TypeMapping(pg, t, JsonForms.NUMERIC, "String", Status.FULL,
                    "precision above ClickHouse's 76 digits: String keeps the exact decimal text", Scalars.NUMERIC);
        }
        return new TypeMapping(pg, t, JsonForms.NUMERIC, "Decimal(" + chP + ", " + chS + ")", Status.LOSSY, NAN_NOTE,
                Scalars.NUMERIC);
    }
}
