package io.walscope.core.pg.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.sql.SQLException;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.PluginAllowList;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.profile.Plugin;

/** One sentence naming the fix for what can go wrong while streaming. */
final class StreamErrors {
    private StreamErrors() {
    }

    static WalscopeException missingPlugin(Plugin p, String where) {
        return new WalscopeException("The " + p.id() + " plugin is not installed on " + where + ": install it on the"
                + " server (e.g. the postgresql-NN-" + p.id().replace("_", "") + " package) or choose another --plugin.");
    }

    static WalscopeException pluginNotAllowed(Plugin p, String shown, String where) {
        return new WalscopeException(PluginAllowList.refusal(p.id(), shown, where));
    }

    static WalscopeException missingPublication(String pub) {
        return new WalscopeException("Publication \"" + pub + "\" does not exist: create it with CREATE PUBLICATION "
                + PgIdent.quote(pub) + " FOR ALL TABLES (or FOR TABLE ...), or name another with --publication.");
    }

    static WalscopeException noReplicationPrivilege(String user) {
        return new WalscopeException("Role \"" + user + "\" lacks the REPLICATION privilege: run ALTER ROLE "
                + PgIdent.quote(user) + " REPLICATION as a superuser, or connect as a role that has it.");
    }

    static WalscopeException slotInUse(String slot, String pid) {
        return new WalscopeException("Slot \"" + slot + "\" is in use" + (pid == null ? "" : " by process " + pid)
                + ": stop the other consumer (or pg_terminate_backend(" + (pid == null ? "pid" : pid)
                + ")), or use another --slot.");
    }

    static WalscopeException slotMissing(String slot) {
        return new WalscopeException("Slot \"" + slot + "\" does not exist: add --create-slot to create it, or "
                + "leave out --slot to use a temporary slot.");
    }

    static WalscopeException temporarySlotLost(String where, long lsn) {
        return new WalscopeException("The connection to " + where + " dropped and the temporary slot went with it"
                + (lsn == 0 ? "" : " after " + io.walscope.core.stream.Lsn.format(lsn))
                + ": run again, or use --slot NAME --create-slot for a slot that survives reconnects.");
    }

    static WalscopeException walLevel(String level) {
        return new WalscopeException("wal_level is " + level + ", logical decoding needs 'logical': set wal_level ="
                + " logical in postgresql.conf and restart the server.");
    }

    /** True for failures a reconnect may cure: the connection or the server went away. */
    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String st = s.getSQLState();
                if (st != null && (st.startsWith("08") || st.equals("57P01") || st.equals("57P02")
                        || st.equals("57P03") || st.equals("55006"))) {
                    return true;
                }
                String m = String.valueOf(s.getMessage());
                if (m.contains("connection has been closed") || m.contains("An I/O error occurred")
                        || m.contains("terminating connection") || m.contains("replication stream has been closed")
                        || m.contains("Database connection failed")) {
                    return true;
                }
            }
            if (t instanceof SocketException || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof UncheckedIOException || t instanceof IOException && t.getCause() instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    /** Explains a failing replication command. */
    static WalscopeException explain(SQLException e, StreamOptions o, String user, String where) {
        String m = PgErrors.explainSql(e);
        String st = e.getSQLState() == null ? "" : e.getSQLState();
        if (PgErrors.isPluginRefused(e)) {
            return pluginNotAllowed(o.plugin, null, where);
        }
        if (st.equals("58P01") || m.contains("could not access file") || m.contains("could not load library")) {
            return missingPlugin(o.plugin, where);
        }
        if (m.contains("publication") && m.contains("does not exist")) {
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("publication \"([^\"]*)\" does not exist")
                    .matcher(e.getMessage() == null ? "" : e.getMessage());
            return missingPublication(named.find() ? named.group(1) : o.publications.get(0));
        }
        if (st.equals("42501") || m.contains("must be superuser or replication role")
                || m.contains("permission denied to start WAL sender") || m.contains("permission denied to create replication slot")) {
            return noReplicationPrivilege(user);
        }
        if (st.equals("55006") || m.contains("is active for PID")) {
            return slotInUse(o.slot, m.replaceAll(".*PID (\\d+).*", "$1"));
        }
        if (st.equals("42704") && m.contains("replication slot")) {
            return slotMissing(o.slot);
        }
        if (m.contains("logical decoding requires wal_level")) {
            return walLevel("not logical");
        }
        if (st.equals("53400") || m.contains("all replication slots are in use")) {
            return new WalscopeException("All replication slots of " + where + " are in use: drop unused slots"
                    + " (walscope slots) or raise max_replication_slots.", e);
        }
        if (m.contains("number of requested standby connections exceeds") || m.contains("max_wal_senders")) {
            return new WalscopeException("All WAL senders of " + where + " are busy: raise max_wal_senders or stop"
                    + " another consumer.", e);
        }
        return new WalscopeException("Streaming from " + where + " failed: " + m, e);
    }
}
