package io.walscope.core.pg.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.Sql;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.Standby;
import io.walscope.core.profile.Plugin;

/**
 * {@code walscope apply --create-slot NAME [--failover]}: the slot a pipeline will read, made before it starts; with
 * {@code failover} (PostgreSQL 17+) standbys with sync_replication_slots keep it. An existing slot is kept (and made a
 * failover slot when asked).
 */
public final class SlotCreator {
    private SlotCreator() {
    }

    /** The SQL that {@link #create} runs for a new slot (shown by {@code --dry-run}). */
    public static String sql(String name, Plugin plugin, boolean failover) {
        return "SELECT pg_create_logical_replication_slot(" + Sql.literal(name) + ", " + Sql.literal(plugin.id())
                + (failover ? ", false, false, true" : "") + ")";
    }

    /** Creates the slot or checks the one there; returns one sentence saying what was done. */
    public static String create(Connection c, FixApplier.ReplicationConnections replication, String name, Plugin plugin,
            boolean failover) throws WalscopeException {
        try {
            ServerInfo info = ServerInfo.read(c);
            Standby st = Standby.of(c, info.versionNum());
            if (failover && info.versionNum() < 170000) {
                throw new WalscopeException("--failover needs PostgreSQL 17 or newer (failover slots); this server is "
                        + info.version() + ": its slots are lost when a standby is promoted.");
            }
            if (failover && st.inRecovery()) {
                throw new WalscopeException("This server is a standby: failover slots are made on " + st.primaryName()
                        + " and synced to standbys; connect to the primary.");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT plugin, " + (info.versionNum() >= 170000 ? "failover"
                    : "false") + " FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (!plugin.id().equals(rs.getString(1))) {
                            throw new WalscopeException("Slot \"" + name + "\" exists and decodes with " + rs.getString(1)
                                    + ", not " + plugin.id() + ": choose another name or --plugin " + rs.getString(1) + ".");
                        }
                        if (failover && !rs.getBoolean(2)) {
                            try (Connection rc = replication.open(); Statement s = rc.createStatement()) {
                                s.execute("ALTER_REPLICATION_SLOT " + Sql.ident(name) + " (FAILOVER true)");
                            }
                            return "Slot \"" + name + "\" existed; it is a failover slot now.";
                        }
                        return "Slot \"" + name + "\" exists already (" + plugin.id() + (rs.getBoolean(2) ? ", failover" : "")
                                + "): kept.";
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute(sql(name, plugin, failover));
            }
            return "Created slot \"" + name + "\" (" + plugin.id() + (failover ? ", failover: standbys with"
                    + " sync_replication_slots keep it" : "") + ").";
        } catch (SQLException e) {
            throw new WalscopeException("Could not create slot \"" + name + "\": " + PgErrors.explainSql(e) + ".", e);
        }
    }
}
