package io.walscope.core.pg.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.SlotInfo;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.profile.ConnectionProfile;

/** The Slots view and {@code walscope slots}: list every slot, drop an inactive one. */
public final class SlotOps {
    private SlotOps() {
    }

    public static List<SlotInfo> list(Connection c) throws WalscopeException {
        try {
            return new CatalogReader(c).slots(ServerInfo.read(c).versionNum());
        } catch (SQLException e) {
            throw new WalscopeException("Could not list the replication slots: " + PgErrors.explainSql(e), e);
        }
    }

    /** {@link #dropInactive(Connection, String)} over a connection of its own. */
    public static SlotInfo dropInactive(ConnectionProfile p, Secrets s, String name) throws WalscopeException {
        try (Connection c = new PgConnector().connect(p, s)) {
            return dropInactive(c, name);
        } catch (SQLException e) {
            throw new WalscopeException("Could not close the connection: " + PgErrors.explainSql(e), e);
        }
    }

    /**
     * Drops slot {@code name} if it is inactive. Refuses an active slot: its consumer would fail, and
     * PostgreSQL would refuse too.
     *
     * @return the slot as it was just before the drop (its retained WAL is freed)
     */
    public static SlotInfo dropInactive(Connection c, String name) throws WalscopeException {
        SlotInfo slot = list(c).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new WalscopeException("There is no replication slot called \"" + name + "\"."));
        if (slot.active()) {
            throw new WalscopeException("Slot \"" + name + "\" is active" + (slot.activePid() == null ? "" : " (pid " + slot.activePid() + ")")
                    + ": Walscope drops inactive slots only. Stop its consumer first.");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_catalog.pg_replication_slots WHERE slot_name = ? AND NOT active")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new WalscopeException("Slot \"" + name + "\" became active or was dropped meanwhile: not dropped.");
                }
            }
        } catch (SQLException e) {
            throw new WalscopeException("Could not drop slot \"" + name + "\": " + PgErrors.explainSql(e), e);
        }
        return slot;
    }
}
