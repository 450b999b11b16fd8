package io.walscope.core.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the decoders of the plugins that send whole rows as values (test_decoding, wal2json, decoderbufs) share:
 * the reused transaction, event and tuples, the key-column lookup (cached per table) and the
 * in-transaction flag. pgoutput keeps its own relation cache and does not use this.
 */
abstract class TextDecoder implements Decoder {
    final Converters converters = new Converters();
    final Transaction tx = new Transaction();
    final ChangeEvent event = new ChangeEvent();
    final TextTuple oldTuple;
    final TextTuple newTuple;
    private final KeyView keyView = new KeyView();
    private final Map<String, List<String>> keyCache = new HashMap<>();
    private KeyColumns keys = KeyColumns.NONE;
    boolean inTx;

    /** {@code pgText}: the plugin sends PostgreSQL's text output (see {@link Tuple#text(int)}). */
    TextDecoder(boolean pgText) {
        oldTuple = new TextTuple(pgText);
        newTuple = new TextTuple(pgText);
    }

    @Override
    public void setTypes(TypeLookup types) {
        converters.setTypes(types);
    }

    @Override
    public void setKeyColumns(KeyColumns keys) {
        this.keys = keys;
        keyCache.clear();
        lastKeys = null;
    }

    @Override
    public boolean inTransaction() {
        return inTx;
    }

    @Override
    public void reset() {
        inTx = false;
    }

    private String lastSchema;
    private String lastTable;
    private List<String> lastKeys;

    /** The key columns of {@code schema.table} from the catalog (empty when it has none). */
    final List<String> keyColumns(String schema, String table) {
        if (lastKeys != null && java.util.Objects.equals(schema, lastSchema) && table.equals(lastTable)) {
            return lastKeys;
        }
        String ck = schema + "\u0000" + table;
        List<String> k = keyCache.get(ck);
        if (k == null) {
            List<String> r = keys.keyColumns(schema, table);
            if (r == null || r.isEmpty()) {
                // not kept: the reader asks the catalog again later (a table may get a key, or be created)
                return List.of();
            }
            k = r;
            keyCache.put(ck, k);
        }
        lastSchema = schema;
        lastTable = table;
        lastKeys = k;
        return k;
    }

    /** A view of {@code t}'s {@code columns}, or null when {@code t} lacks one of them. */
    final Tuple keyOf(List<String> columns, TextTuple t) {
        int[] idx = KeyView.indexes(t, columns);
        return idx == null ? null : keyView.of(t, idx);
    }

    final void deliver(ChangeListener l, ChangeEvent e) throws Exception {
        tx.countEvent();
        l.change(e);
    }
}
