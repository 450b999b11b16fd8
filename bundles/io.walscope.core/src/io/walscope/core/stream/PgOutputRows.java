package io.walscope.core.stream;

/**
 * Reads pgoutput's row messages (Insert, Update, Delete) into one reused event: the decoder's hot path, and
 * {@link PgOutputRelation#decode} for a change decoded again later.
 */
final class PgOutputRows {
    private final ChangeEvent event = new ChangeEvent();
    private final PgOutputTuple oldTuple = new PgOutputTuple();
    private final PgOutputTuple newTuple = new PgOutputTuple();
    private final KeyView keyView = new KeyView();
    private final KeyView beforeKeyView = new KeyView();

    /**
     * The change of the row message of {@code type} ('I', 'U' or 'D') whose relation id starts at {@code p} of
     * {@code a}, read with relation {@code r}; valid until the next call.
     */
    ChangeEvent read(byte type, long lsn, Transaction tx, byte[] a, int p, PgOutputRelation r) {
        p += 4; // the relation id
        switch (type) {
        case 'I': {
            newTuple.read(a, p + 1, r); // 'N'
            Tuple key = r.keyIdx == null ? null : keyView.of(newTuple, r.keyIdx);
            return event.row(Op.INSERT, lsn, tx, r.schema, r.table, key, null, newTuple);
        }
        case 'U': {
            byte k = a[p++];
            Tuple before = null;
            if (k == 'K' || k == 'O') {
                p = oldTuple.read(a, p, r);
                before = k == 'O' ? oldTuple : r.keyIdx == null ? oldTuple : beforeKeyView.of(oldTuple, r.keyIdx);
                p++; // 'N'
            }
            newTuple.read(a, p, r);
            if (k == 'O') {
                newTuple.fillUnchangedFrom(oldTuple);
            }
            Tuple key = r.keyIdx == null ? null : keyView.of(newTuple, r.keyIdx);
            return event.row(Op.UPDATE, lsn, tx, r.schema, r.table, key, before, newTuple);
        }
        case 'D': {
            byte k = a[p];
            oldTuple.read(a, p + 1, r);
            Tuple key = r.keyIdx == null ? null : keyView.of(oldTuple, r.keyIdx);
            Tuple before = k == 'O' || r.keyIdx == null ? oldTuple : beforeKeyView.of(oldTuple, r.keyIdx);
            return event.row(Op.DELETE, lsn, tx, r.schema, r.table, key, before, null);
        }
        default:
            throw new IllegalArgumentException("not a row message: " + (char) type);
        }
    }
}
