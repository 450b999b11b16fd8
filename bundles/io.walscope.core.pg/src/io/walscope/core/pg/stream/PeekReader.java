package io.walscope.core.pg.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.walscope.core.pg.ServerInfo;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.Decoder;
import io.walscope.core.stream.Lsn;

/**
 * Peek mode: a named slot's pending changes through {@code pg_logical_slot_peek_changes} (text plugins) or
 * {@code pg_logical_slot_peek_binary_changes} (pgoutput, decoderbufs), fetched in batches; nothing is confirmed,
 * the slot stays where it was.
 */
final class PeekReader {
    private final Connection sql;
    private final StreamOptions o;
    private final ServerInfo info;

    PeekReader(Connection sql, StreamOptions o, ServerInfo info) {
        this.sql = sql;
        this.o = o;
        this.info = info;
    }

    StreamResult run(Decoder decoder, Map<String, String> options, Gate gate) throws Exception {
        boolean binary = o.plugin == Plugin.PGOUTPUT || o.plugin == Plugin.DECODERBUFS;
        String fn = binary ? "pg_logical_slot_peek_binary_changes" : "pg_logical_slot_peek_changes";
        List<String> args = new ArrayList<>();
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        String reason = "end";
        boolean ac = sql.getAutoCommit();
        sql.setAutoCommit(false);
        gate.started();
        try (PreparedStatement ps = sql.prepareStatement("SELECT lsn::text, data FROM " + fn
                + "(?, " + (o.untilLsn != 0 ? "?::pg_lsn" : "NULL") + ", NULL, VARIADIC ?::text[])")) {
            int i = 1;
            ps.setString(i++, o.slot);
            if (o.untilLsn != 0) {
                ps.setString(i++, Lsn.format(o.untilLsn));
            }
            ps.setArray(i, sql.createArrayOf("text", args.toArray()));
            ps.setFetchSize(1000);
            boolean raw = gate.wantsRaw();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long lsn = Lsn.parse(rs.getString(1));
                    byte[] data = binary ? rs.getBytes(2) : rs.getString(2).getBytes(StandardCharsets.UTF_8);
                    try {
                        if (raw) {
                            gate.raw(lsn, ByteBuffer.wrap(data).asReadOnlyBuffer());
                        }
                        decoder.decode(lsn, ByteBuffer.wrap(data), gate);
                    } catch (Gate.Stop stop) {
                        reason = stop.reason;
                        break;
                    }
                }
            }
            sql.commit();
        } finally {
            sql.setAutoCommit(ac);
        }
        gate.flush();
        return new StreamResult(gate.events, gate.transactions, gate.seconds(), 0, o.slot, 0, reason);
    }
}
