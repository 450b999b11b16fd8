package io.walscope.core.check;

import java.util.Set;

/**
 * Quoting of SQL identifiers and literals by PostgreSQL's own rules ({@code quote_ident}, {@code quote_literal}),
 * so that names with spaces, capitals, quotes or semicolons round-trip. Identifiers are always double-quoted
 * when they need it: {@code 'schema'.'table'} (single quotes) is a syntax error we never produce.
 */
public final class Sql {
    /**
     * Keywords {@code quote_ident} quotes (every category but "unreserved"), union over PostgreSQL 9.6–17.
     * Quoting one more word than a given server would is harmless; quoting one fewer is not.
     */
    private static final Set<String> KEYWORDS = Set.of(
            // reserved
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning",
            "select", "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true",
            "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
            // type or function names
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose",
            // column names
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array",
            "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar",
            "json_serialize", "json_table", "json_value", "least", "merge_action", "national", "nchar", "none",
            "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof",
            "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    private Sql() {
    }

    /** {@code name} as an SQL identifier: unchanged when safe, else double-quoted with inner quotes doubled. */
    public static String ident(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier cannot contain a NUL character");
        }
        return isSafe(name) ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.table}, each part quoted as needed. */
    public static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** A string literal: single quotes doubled; backslashes doubled under an {@code E} prefix, as quote_literal does. */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL literal cannot contain a NUL character");
        }
        String q = "'" + value.replace("'", "''").replace("\\", "\\\\") + "'";
        return value.indexOf('\\') >= 0 ? "E" + q : q;
    }

    /**
     * Reads one identifier as PostgreSQL would: a double-quoted one exactly (doubled quotes undone), an
     * unquoted one folded to lower case. The inverse of {@link #ident(String)}, for tests and for parsing
     * names users type in quoted form.
     */
    public static String parseIdent(String sql) {
        String s = sql.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            String inner = s.substring(1, s.length() - 1);
            if (inner.replace("\"\"", "").contains("\"")) {
                throw new IllegalArgumentException("not one quoted identifier: " + sql);
            }
            return inner.replace("\"\"", "\"");
        }
        if (!s.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("not an identifier: " + sql);
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** A person's spelling of {@code schema.table}: unquoted, for subjects and messages. */
    public static String display(String schema, String name) {
        return schema + "." + name;
    }

    private static boolean isSafe(String s) {
        char c0 = s.charAt(0);
        if (!((c0 >= 'a' && c0 <= 'z') || c0 == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return !KEYWORDS.contains(s);
    }
}
