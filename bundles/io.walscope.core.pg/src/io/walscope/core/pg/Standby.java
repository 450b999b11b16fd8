package io.walscope.core.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a server is a standby and of which primary, in one round trip: what the plugin probe, the stream and the
 * Connections view need to know before they act.
 *
 * @param inRecovery true for a standby
 * @param primary    a standby's primary ({@code host:port} from {@code pg_stat_wal_receiver}, 11+), {@code null} when
 *                   unknown or not a standby
 */
public record Standby(boolean inRecovery, String primary) {
    /** A primary (not in recovery). */
    public static final Standby PRIMARY = new Standby(false, null);

    public static Standby of(Connection c, int versionNum) throws SQLException {
        String sql = versionNum >= 110000
                ? "SELECT pg_is_in_recovery(), (SELECT sender_host || ':' || sender_port FROM pg_catalog.pg_stat_wal_receiver"
                        + " WHERE sender_host IS NOT NULL LIMIT 1)"
                : "SELECT pg_is_in_recovery(), NULL::text";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1) ? new Standby(true, rs.getString(2)) : PRIMARY;
        }
    }

    /** "the primary 10.0.0.5:5432", or "its primary". */
    public String primaryName() {
        return primary == null ? "its primary" : "the primary " + primary;
    }

    /** The probe's words for a slot creation on a 16+ standby that timed out waiting for the primary. */
    public String waitsForPrimary() {
        return "creating a slot on a standby waits for a running-transactions record from " + primaryName()
                + ", which an idle primary does not write: run SELECT pg_log_standby_snapshot() on " + primaryName()
                + ", then try again";
    }
}
