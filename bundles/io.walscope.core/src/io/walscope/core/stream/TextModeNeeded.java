package io.walscope.core.stream;

import java.io.IOException;

/**
 * pgoutput in binary mode described a column whose type Walscope cannot read in binary form (a user type, an
 * extension type, money, composite, tsvector, ...). The reader restarts the stream in text mode from the last
 * whole transaction: a value is never carried as the raw bytes of another type.
 */
public final class TextModeNeeded extends IOException {
    private static final long serialVersionUID = 1L;

    public TextModeNeeded(String schema, String table, String column, int typeOid) {
        super("column " + schema + "." + table + "." + column + " (type " + (typeOid & 0xFFFFFFFFL)
                + ") has no binary converter: pgoutput must send it as text");
    }
}
