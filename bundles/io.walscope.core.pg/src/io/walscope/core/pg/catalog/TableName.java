package io.walscope.core.pg.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table named on the command line or in a profile: {@code orders}, {@code shop.orders},
 * {@code "My Schema"."Order.Lines"}. Unquoted parts are taken as written (no case folding, so {@code Orders}
 * names the table {@code Orders}); double quotes are needed only around a name holding a dot or a quote
 * ({@code ""} inside quotes is one quote).
 *
 * @param schema the schema, or null for "any chosen schema"
 * @param name the table name
 */
public record TableName(String schema, String name) {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    /** Parses {@code [schema.]table}. */
    public static TableName parse(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    b.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == '.' && parts.isEmpty()) {
                parts.add(b.toString());
                b.setLength(0);
            } else {
                b.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("The table name " + text + " has an unclosed quote.");
        }
        parts.add(b.toString());
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + text + "' is not a table name.");
        }
        return parts.size() == 1 ? new TableName(null, parts.get(0)) : new TableName(parts.get(0), parts.get(1));
    }

    /** Whether this names {@code t}. */
    public boolean matches(CatalogTable t) {
        return t.name().equals(name) && (schema == null || schema.equals(t.schema()));
    }

    /** An identifier, double-quoted unless it is a plain lower-case name. */
    public static String quoteIfNeeded(String id) {
        return PLAIN.matcher(id).matches() ? id : quote(id);
    }

    /** An identifier, always double-quoted. */
    public static String quote(String id) {
        return '"' + id.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return schema == null ? quoteIfNeeded(name) : quoteIfNeeded(schema) + "." + quoteIfNeeded(name);
    }
}
