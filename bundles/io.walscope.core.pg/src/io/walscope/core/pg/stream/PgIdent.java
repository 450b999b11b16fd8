package io.walscope.core.pg.stream;

/** Identifier quoting as {@code quote_ident} does it. */
final class PgIdent {
    private PgIdent() {
    }

    static String quote(String id) {
        if (id.matches("[a-z_][a-z0-9_$]*")) {
            return id;
        }
        return "\"" + id.replace("\"", "\"\"") + "\"";
    }

    /** {@code schema.table} from a user's {@code S.T} (quoted parts kept as written). */
    static String qualified(String schemaDotTable) {
        return schemaDotTable.contains("\"") ? schemaDotTable
                : schemaDotTable.contains(".")
                        ? quote(schemaDotTable.substring(0, schemaDotTable.indexOf('.'))) + "."
                                + quote(schemaDotTable.substring(schemaDotTable.indexOf('.') + 1))
                        : quote(schemaDotTable);
    }
}
