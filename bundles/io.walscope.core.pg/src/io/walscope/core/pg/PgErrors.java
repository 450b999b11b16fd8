package io.walscope.core.pg;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import io.walscope.core.WalscopeException;
import io.walscope.core.pg.ssl.SslErrors;
import io.walscope.core.profile.ConnectionProfile;

/** Turns what pgjdbc throws into one sentence that names the cause and the fix (SSL failures: {@link SslErrors}). */
public final class PgErrors {
    private PgErrors() {
    }

    /** Explains a failure to connect with {@code p}. */
    public static WalscopeException explainConnect(Throwable e, ConnectionProfile p) {
        String where = p.isMultiHost() ? "any of " + p.hostList() : p.getHost() + ":" + p.getPort();
        Throwable root = rootCause(e);
        String state = e instanceof SQLException se ? se.getSQLState() : null;
        String serverMsg = e.getMessage() == null ? "" : e.getMessage();
        String msg = SslErrors.explain(e, p);
        if (msg != null) {
            return new WalscopeException(msg, e);
        }
        if (serverMsg.contains("Could not find a server with specified targetServerType")) {
            msg = "None of " + p.hostList() + " is a " + p.getTargetSessionAttrs().value()
                    + " server now (target_session_attrs=" + p.getTargetSessionAttrs().value()
                    + "): check which server is the primary, or wait until a standby is promoted.";
        } else if ("28P01".equals(state) || serverMsg.contains("password authentication failed")) {
            msg = "Password authentication failed for user \"" + p.getUser() + "\" at " + where
                    + ": check the password (or PGPASSWORD) and the user name.";
        } else if (serverMsg.contains("password") && (serverMsg.contains("not provided")
                || serverMsg.contains("no password was provided"))) {
            msg = "The server at " + where + " asks for a password for user \"" + p.getUser()
                    + "\": save one in the profile or set PGPASSWORD.";
        } else if ("3D000".equals(state)) {
            msg = "Database \"" + p.getDatabase() + "\" does not exist on " + where
                    + ": check the database name (list them with psql -l).";
        } else if ("28000".equals(state) && serverMsg.contains("does not exist")) {
            msg = "Role \"" + p.getUser() + "\" does not exist on " + where + ": check the user name.";
        } else if ("28000".equals(state) && serverMsg.contains("no pg_hba.conf entry")) {
            msg = "The server at " + where + " has no pg_hba.conf entry for this connection ("
                    + oneLine(serverMsg) + "): add a line for user \"" + p.getUser() + "\" and reload.";
        } else if ("53300".equals(state)) {
            msg = "The server at " + where + " has no free connection slots: close idle sessions or raise max_connections.";
        } else if (root instanceof UnknownHostException) {
            msg = "Host \"" + p.getHost() + "\" is unknown: check the host name.";
        } else if (root instanceof ConnectException || serverMsg.contains("Connection refused")) {
            msg = "Nothing accepts connections at " + where
                    + ": check that the server is running and that host and port are right.";
        } else if (root instanceof NoRouteToHostException || root instanceof SocketTimeoutException
                || serverMsg.contains("connect timed out")) {
            msg = "Could not reach " + where + " in time: check the host, the port and any firewall on the way.";
        } else if (root instanceof FileNotFoundException) {
            msg = "A file of the SSL settings cannot be read: " + oneLine(root.getMessage()) + ".";
        } else if (serverMsg.contains("The server does not support SSL")) {
            msg = "The server at " + where + " does not support SSL, but SSL mode "
                    + p.getSslMode().value() + " requires it: enable ssl on the server or choose a mode that allows plain connections.";
        } else {
            msg = "Could not connect to " + where + ": " + oneLine(serverMsg.isEmpty() ? root.toString() : serverMsg);
        }
        return new WalscopeException(msg, e);
    }

    /**
     * True when {@code e} (from {@link #explainConnect}) says the server wanted a password it did not get or
     * did not accept — not, say, a wrong key password — so a caller may ask for one.
     */
    public static boolean isPasswordProblem(WalscopeException e) {
        String m = e.getMessage();
        return m != null && (m.startsWith("Password authentication failed") || m.contains("asks for a password"));
    }

    /** Explains a failing SQL statement: the server's message, on one line, without the "ERROR:" noise. */
    public static String explainSql(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return oneLine(m.replaceFirst("^ERROR: ", ""));
    }

    /**
     * True when the server refused an output plugin because {@code output_plugin_libraries} does not list it
     * ({@code library "wal2json" may not be used as an output plugin}): a setting, not a missing privilege.
     */
    public static boolean isPluginRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("may not be used as an output plugin") || m.contains("output_plugin_libraries"))) {
                return true;
            }
        }
        return false;
    }

    public static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String first = nl >= 0 ? s.substring(0, nl) : s;
        return first.strip().replaceAll("\\.$", "");
    }
}
