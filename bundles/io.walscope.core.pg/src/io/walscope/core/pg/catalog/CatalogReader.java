package io.walscope.core.pg.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.walscope.core.WalscopeException;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.types.PgColumnType;
import io.walscope.core.types.TypeCatalog;
import io.walscope.core.types.TypeMapping;

/**
 * Reads the columns of the chosen tables with their types resolved, in two set-based queries whatever the number
 * of schemas, tables and columns:
 * <ol>
 * <li>the columns: {@code pg_attribute} joined to {@code pg_class}/{@code pg_namespace} for every chosen schema at
 * once, with {@code format_type(atttypid, atttypmod)}, {@code attndims}, {@code attnotnull} and the column's
 * position in the primary key ({@code pg_index.indkey});</li>
 * <li>the types: a recursive query from the OIDs the columns use, following {@code typelem} (arrays),
 * {@code typbasetype} (domains, nested domains too) and {@code pg_range.rngsubtype} (ranges and, on PG 14+,
 * multiranges), with each type's schema, {@code typtype}, {@code typcategory}, the base type's
 * {@code format_type(typbasetype, typtypmod)} and an enum's labels in {@code enumsortorder}.</li>
 * </ol>
 * The {@link PgColumnType} of each column is then linked from the type map in memory and mapped with
 * {@link TypeCatalog#map(PgColumnType)}. Types in other schemas (extensions such as PostGIS, hstore, citext)
 * resolve like any other; {@code format_type} qualifies them when they are not on the search path.
 * <p>
 * Which relations: ordinary tables and partitioned roots (relkind {@code r}, {@code p}). Partitions are left out
 * unless tables are named explicitly (a partition has its root's columns); views, materialized views and foreign
 * tables are not change-data sources and are never listed. Works on PostgreSQL 9.6 to 17.
 * <p>
 * Sample values are separate and optional: see {@link SampleReader}.
 */
public final class CatalogReader {
    private final Connection connection;
    private final int major;

    /** A reader over an open connection (the caller closes it). */
    public CatalogReader(Connection connection) throws WalscopeException {
        this.connection = connection;
        try {
            this.major = connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the server version: " + PgErrors.explainSql(e), e);
        }
    }

    /**
     * The tables of {@code schemas} (each table named by {@code tables}, when that is not empty), ordered by schema
     * and name. A schema part in {@code tables} adds that schema to the search.
     */
    public List<CatalogTable> read(List<String> schemas, List<TableName> tables) throws WalscopeException {
        Set<String> where = new LinkedHashSet<>(schemas);
        for (TableName t : tables) {
            if (t.schema() != null) {
                where.add(t.schema());
            }
        }
        try {
            List<ColumnRow> rows = columns(new ArrayList<>(where), tables);
            Set<Long> oids = new LinkedHashSet<>();
            for (ColumnRow r : rows) {
                oids.add(r.typeOid);
            }
            Map<Long, TypeRow> types = types(oids);
            Map<String, List<CatalogColumn>> byTable = new LinkedHashMap<>();
            Map<String, ColumnRow> first = new LinkedHashMap<>();
            // a schema of thousands of columns has a few dozen distinct column types: map each once
            Map<TypeKey, Mapped> mapped = new HashMap<>();
            for (ColumnRow r : rows) {
                String key = r.schema + '\0' + r.table;
                first.putIfAbsent(key, r);
                Mapped m = mapped.computeIfAbsent(new TypeKey(r.typeOid, r.typmod, r.dims, r.notNull, r.format), k -> {
                    PgColumnType type = type(types, k.oid, k.typmod, k.dims, !k.notNull, k.format, 0);
                    return new Mapped(type, TypeCatalog.map(type));
                });
                byTable.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new CatalogColumn(r.column, r.attnum, m.type, m.mapping, r.keyPosition));
            }
            List<CatalogTable> out = new ArrayList<>();
            byTable.forEach((k, cols) -> {
                ColumnRow r = first.get(k);
                out.add(new CatalogTable(r.schema, r.table, r.relkind == 'p', cols));
            });
            return out;
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the catalog: " + PgErrors.explainSql(e), e);
        }
    }

    /** Those of {@code schemas} that do not exist in the database. */
    public List<String> missingSchemas(List<String> schemas) throws WalscopeException {
        List<String> missing = new ArrayList<>(schemas);
        try (PreparedStatement st = connection
                .prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname = ANY (?)")) {
            st.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    missing.remove(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the schemas: " + PgErrors.explainSql(e), e);
        }
        return missing;
    }

    private record ColumnRow(String schema, String table, char relkind, int attnum, String column, long typeOid,
            int typmod, int dims, boolean notNull, String format, int keyPosition) {
    }

    private record TypeKey(long oid, int typmod, int dims, boolean notNull, String format) {
    }

    private record Mapped(PgColumnType type, TypeMapping mapping) {
    }

    private record TypeRow(long oid, String schema, String typname, char typtype, char typcategory, long elem,
            long base, int baseTypmod, int baseDims, String baseFormat, long rangeSubtype, List<String> labels) {
    }

    private List<ColumnRow> columns(List<String> schemas, List<TableName> tables) throws SQLException {
        // primary key positions joined as a set (a correlated subquery per column costs twice the time)
        String sql = "WITH pk AS (SELECT i.indrelid, k.att, k.n FROM pg_index i,"
                + "   unnest(i.indkey::int2[]) WITH ORDINALITY AS k(att, n) WHERE i.indisprimary)"
                + " SELECT n.nspname, c.relname, c.relkind, a.attnum, a.attname, a.atttypid::int8, a.atttypmod,"
                + " a.attndims, a.attnotnull, format_type(a.atttypid, a.atttypmod), pk.n"
                + " FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " LEFT JOIN pk ON pk.indrelid = c.oid AND pk.att = a.attnum"
                + " WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p')"
                + (major >= 10 && tables.isEmpty() ? " AND NOT c.relispartition" : "")
                + (tables.isEmpty() ? ""
                        : " AND EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[]) AS q(s, t)"
                                + " WHERE (q.s IS NULL OR q.s = n.nspname) AND q.t = c.relname)")
                + " ORDER BY n.nspname, c.relname, a.attnum";
        List<ColumnRow> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            if (!tables.isEmpty()) {
                st.setArray(2, connection.createArrayOf("text", tables.stream().map(TableName::schema).toArray()));
                st.setArray(3, connection.createArrayOf("text", tables.stream().map(TableName::name).toArray()));
            }
            st.setFetchSize(0);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ColumnRow(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0), rs.getInt(4),
                            rs.getString(5), rs.getLong(6), rs.getInt(7), rs.getInt(8), rs.getBoolean(9),
                            rs.getString(10), rs.getInt(11)));
                }
            }
        }
        return out;
    }

    /**
     * The type with {@code oid} as the catalog describes it now, linked to its domain base, array element or range
     * subtype (one query); null when there is no such type.
     */
    public PgColumnType type(long oid, int typmod) throws SQLException {
        Map<Long, TypeRow> types = types(Set.of(oid));
        return types.containsKey(oid) ? type(types, oid, typmod, 0, true, null, 0) : null;
    }

    private Map<Long, TypeRow> types(Set<Long> oids) throws SQLException {
        Map<Long, TypeRow> out = new HashMap<>();
        if (oids.isEmpty()) {
            return out;
        }
        String range = major >= 14 ? "(g.rngtypid = ty.oid OR g.rngmultitypid = ty.oid)" : "g.rngtypid = ty.oid";
        String sql = "WITH RECURSIVE t(oid) AS ("
                + "  SELECT unnest(string_to_array(?, ',')::oid[])"
                + "  UNION"
                + "  SELECT r.ref FROM t JOIN pg_type ty ON ty.oid = t.oid"
                + "  LEFT JOIN pg_range g ON " + range
                + "  CROSS JOIN LATERAL (VALUES (ty.typelem), (ty.typbasetype), (g.rngsubtype)) AS r(ref)"
                + "  WHERE r.ref IS NOT NULL AND r.ref <> 0)"
                + " SELECT ty.oid::int8, n.nspname, ty.typname, ty.typtype, ty.typcategory, ty.typelem::int8,"
                + " ty.typbasetype::int8, ty.typtypmod, ty.typndims,"
                + " CASE WHEN ty.typbasetype <> 0 THEN format_type(ty.typbasetype, ty.typtypmod) END,"
                + " g.rngsubtype::int8,"
                + " CASE WHEN ty.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e"
                + "   WHERE e.enumtypid = ty.oid ORDER BY e.enumsortorder) END"
                + " FROM pg_type ty JOIN pg_namespace n ON n.oid = ty.typnamespace"
                + " LEFT JOIN pg_range g ON " + range
                + " WHERE ty.oid IN (SELECT oid FROM t)";
        StringJoiner list = new StringJoiner(",");
        for (Long o : oids) {
            list.add(Long.toString(o));
        }
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, list.toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Array a = rs.getArray(12);
                    List<String> labels = a == null ? List.of() : List.of((String[]) a.getArray());
                    TypeRow t = new TypeRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4).charAt(0), rs.getString(5).charAt(0), rs.getLong(6), rs.getLong(7),
                            rs.getInt(8), rs.getInt(9), rs.getString(10), rs.getLong(11), labels);
                    out.put(t.oid, t);
                }
            }
        }
        return out;
    }

    /** Links a column type from the type map: domain base, array element, range subtype. */
    private static PgColumnType type(Map<Long, TypeRow> types, long oid, int typmod, int dims, boolean nullable,
            String format, int depth) {
        TypeRow t = types.get(oid);
        if (t == null || depth > 32) {
            return PgColumnType.ofOid((int) oid, typmod).withNullable(nullable).withTypmod(typmod, format);
        }
        PgColumnType element = null;
        if (t.typtype == 'd' && t.base != 0) {
            element = type(types, t.base, t.baseTypmod, t.baseDims, true, t.baseFormat, depth + 1);
        } else if ((t.typtype == 'r' || t.typtype == 'm') && t.rangeSubtype != 0) {
            element = type(types, t.rangeSubtype, -1, 0, true, null, depth + 1);
        } else if (t.typcategory == 'A' && t.elem != 0 && t.typname.startsWith("_")) {
            String elementFormat = format != null && format.endsWith("[]")
                    ? format.substring(0, format.length() - 2) : null;
            element = type(types, t.elem, typmod, 0, true, elementFormat, depth + 1);
        }
        return new PgColumnType(t.schema, t.typname, (int) oid, t.typtype, t.typcategory, format, typmod, dims,
                nullable, t.labels, element);
    }
}
