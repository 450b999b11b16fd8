package io.walscope.core.live;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.walscope.core.stream.Op;

/**
 * What the live view shows: some operations, one table or all, and a text that must occur in the change's
 * values (case-insensitive, searched in the JSON line). Immutable.
 */
public record LiveFilter(Set<Op> ops, String table, String text) {
    /** Everything. */
    public static final LiveFilter ALL = new LiveFilter(EnumSet.allOf(Op.class), null, null);

    public LiveFilter {
        ops = ops.isEmpty() ? EnumSet.noneOf(Op.class) : EnumSet.copyOf(ops);
        table = table == null || table.isBlank() ? null : table;
        text = text == null || text.isBlank() ? null : text.toLowerCase(Locale.ROOT);
    }

    public boolean showsAll() {
        return ops.size() == Op.values().length && table == null && text == null;
    }

    public LiveFilter withOps(Set<Op> o) {
        return new LiveFilter(o, table, text);
    }

    public LiveFilter withTable(String t) {
        return new LiveFilter(ops, t, text);
    }

    public LiveFilter withText(String t) {
        return new LiveFilter(ops, table, t);
    }

    public boolean test(LiveEvent e) {
        if (!ops.contains(e.op())) {
            return false;
        }
        if (table != null && !table.equals(e.qualifiedTable())) {
            return false;
        }
        return text == null || new String(e.line(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(text);
    }
}
