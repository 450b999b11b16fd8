package io.walscope.core.setup;

import java.util.LinkedHashMap;
import java.util.Map;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.Op;
import io.walscope.core.stream.Tuple;

/**
 * One change the plugin sent back during the test, its row images as canonical JSON text by column (unchanged
 * TOAST values left out), plus its JSON line as {@code walscope tail} prints it.
 */
public record VerifyChange(Op op, String table, Map<String, String> key, Map<String, String> before,
        Map<String, String> after, String jsonLine) {

    /** Reads a delivered change (during the listener's callback). */
    public static VerifyChange of(ChangeEvent e, String jsonLine) {
        return new VerifyChange(e.op(), e.schema() + "." + e.table(), values(e.key()), values(e.before()),
                values(e.after()), jsonLine);
    }

    static Map<String, String> values(Tuple t) {
        if (t == null) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.state(i) != Tuple.UNCHANGED_TOAST) {
                m.put(t.name(i), t.json(i));
            }
        }
        return m;
    }
}
