package io.walscope.core.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.walscope.core.stream.Tuple;

/**
 * The values an update did not carry (unchanged TOAST values; wal2json leaves such columns out): from the old row
 * when the stream has it (REPLICA IDENTITY FULL), else read from the table by primary key, once per row
 * ({@link ChTables#current}). Never a NULL in their place. One row at a time: {@link #reset()} before each.
 */
final class Unsent {
    private final ChTables tables;
    private boolean asked;
    private Map<String, String> looked;
    private String value;

    Unsent(ChTables tables) {
        this.tables = tables;
    }

    void reset() {
        asked = false;
        looked = null;
    }

    /**
     * Finds column {@code name} of the row {@code image}; false when nothing can tell it (no key, or the row is gone
     * since: a later delete hides it). The value is then {@link #value()}.
     */
    boolean find(ChTable t, Tuple image, Tuple before, String name) throws Exception {
        int b = before == null ? -1 : before.indexOf(name);
        if (b >= 0 && before.state(b) != Tuple.UNCHANGED_TOAST) {
            value = before.state(b) == Tuple.NULL ? null : ClickHouseWriter.text(before, b);
            return true;
        }
        if (!asked) {
            asked = true;
            looked = lookUp(t, image, missing(t, image, before));
        }
        if (looked == null || !looked.containsKey(name)) {
            return false;
        }
        value = looked.get(name);
        return true;
    }

    /** PostgreSQL's text of the value found (null: NULL). */
    String value() {
        return value;
    }

    /** The columns the image marks unchanged or lacks, and the old row does not hold. */
    private static List<String> missing(ChTable t, Tuple image, Tuple before) {
        List<String> out = new ArrayList<>();
        for (ChTable.Column c : t.columns()) {
            int i = image.indexOf(c.name());
            if (i >= 0 && image.state(i) != Tuple.UNCHANGED_TOAST) {
                continue;
            }
            int b = before == null ? -1 : before.indexOf(c.name());
            if (b < 0 || before.state(b) == Tuple.UNCHANGED_TOAST) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** The current values of {@code missing} in the row, read by primary key; null without a key or a row. */
    private Map<String, String> lookUp(ChTable t, Tuple image, List<String> missing) throws Exception {
        if (t.key().isEmpty() || missing.isEmpty()) {
            return null;
        }
        List<String> keyValues = new ArrayList<>();
        for (String k : t.key()) {
            int i = image.indexOf(k);
            if (i < 0 || image.state(i) != Tuple.VALUE) {
                return null;
            }
            keyValues.add(ClickHouseWriter.text(image, i));
        }
        return tables.current(t.schema(), t.table(), t.key(), keyValues, missing);
    }
}
