package io.walscope.core.live;

import java.nio.charset.StandardCharsets;

import io.walscope.core.stream.Op;

/**
 * One change as the live view keeps it: small fixed fields for the table, and the change's JSON line (the
 * {@code walscope tail --format jsonl} line, UTF-8) for the detail pane and exports. About 200–600 bytes a
 * row, so the default buffer of 200,000 events stays well under 200 MB.
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
 */
public record LiveEvent(long seq, long lsn, long commitLsn, long xid, long commitMicros, Op op, String schema,
        String table, String key, String summary, byte[] line) {

    /** {@code schema.table}. */
    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** The JSON line as text. */
    public String json() {
        return new String(line, StandardCharsets.UTF_8);
    }
}
