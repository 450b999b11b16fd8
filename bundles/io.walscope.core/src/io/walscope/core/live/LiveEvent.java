package io.walscope.core.live;

import java.nio.charset.StandardCharsets;

import io.walscope.core.stream.Op;

/**
 * One change as the live view keeps it: small fixed fields for the table, the change's JSON line (the
 * {@code walscope tail --format jsonl} line, UTF-8) for the detail pane and exports, PostgreSQL's text of its
 * values packed by {@link LiveTexts}, and the plugin message it was decoded from (shared with the other changes
 * of that message). About 300–900 bytes a row, so the default buffer of 200,000 events stays under 200 MB.
 *
 * @param seq arrival number, from 1, without gaps
 * @param lsn the change's LSN (0 when the plugin gives none)
 * @param commitLsn its transaction's commit LSN (0 unknown)
 * @param xid transaction id (-1 unknown)
 * @param commitMicros commit time, microseconds since the Unix epoch (0 unknown)
 * @param op the operation
 * @param schema schema name
 * @param table table name
 * @param key the key as JSON text, or null
 * @param summary what changed, for the table's last column
 * @param line the JSON line
 * @param txn the capture's number of the transaction (from 1, in stream order; a snapshot's reads share one);
 *        0 unknown
 * @param texts PostgreSQL's text of the values ({@link LiveTexts}), or null when the plugin sent none
 * @param raw the plugin message, or null
 */
public record LiveEvent(long seq, long lsn, long commitLsn, long xid, long commitMicros, Op op, String schema,
        String table, String key, String summary, byte[] line, long txn, byte[] texts, RawMessage raw) {

    /** An event without transaction number, texts or raw message. */
    public LiveEvent(long seq, long lsn, long commitLsn, long xid, long commitMicros, Op op, String schema,
            String table, String key, String summary, byte[] line) {
        this(seq, lsn, commitLsn, xid, commitMicros, op, schema, table, key, summary, line, 0, null, null);
    }

    /** {@code schema.table}. */
    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** The JSON line as text. */
    public String json() {
        return new String(line, StandardCharsets.UTF_8);
    }
}
