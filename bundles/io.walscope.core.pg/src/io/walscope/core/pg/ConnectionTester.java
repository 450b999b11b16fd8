package io.walscope.core.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;

/**
 * "Test connection": connects with a profile and reads what the wizard shows — server version, user, SSL,
 * replication privilege, which plugins the server really has, and its schemas. Cancellable: the connection
 * attempt runs on its own thread and is abandoned (and closed when it completes) when the user cancels.
 */
public final class ConnectionTester {
    /** What a successful test found. */
    public record Result(ServerInfo info, Map<Plugin, PluginProbe.Result> plugins, List<String> schemas, Standby role) {
        /** One line for the wizard: version, role (a standby names its primary), user, SSL, replication. */
        public String summary() {
            return "PostgreSQL " + info.version() + " (" + info.versionNum() + ")"
                    + (role.inRecovery() ? ", standby" + (role.primary() == null ? "" : " of " + role.primary()) : "")
                    + ", user " + info.currentUser()
                    + (info.superuser() ? " (superuser)" : "") + ", "
                    + (info.ssl() ? "SSL " + info.sslVersion() + " " + info.sslCipher() : "no SSL") + ", "
                    + (info.superuser() || info.replication() ? "may replicate" : "no REPLICATION privilege");
        }
    }

    private ConnectionTester() {
    }

    /**
     * Runs the test.
     *
     * @param cancelled polled every 100 ms; when it turns true the test ends with {@link CancellationException}
     * @param progress receives one line per step
     */
    public static Result test(ConnectionProfile p, Secrets s, BooleanSupplier cancelled, Consumer<String> progress)
            throws WalscopeException {
        progress.accept("Connecting to " + p.describe());
        CompletableFuture<Result> f = CompletableFuture.supplyAsync(() -> {
            try (Connection c = new PgConnector().connect(p, s)) {
                progress.accept("Reading the server's settings");
                ServerInfo info = ServerInfo.read(c);
                Standby role = Standby.of(c, info.versionNum());
                progress.accept("Probing the decoding plugins");
                Map<Plugin, PluginProbe.Result> plugins = PluginProbe.probeAll(c, info);
                progress.accept("Listing schemas");
                return new Result(info, plugins, schemas(c), role);
            } catch (WalscopeException e) {
                throw new java.util.concurrent.CompletionException(e);
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(
                        new WalscopeException("Connected, but could not read the catalog: " + PgErrors.explainSql(e), e));
            }
        });
        while (true) {
            if (cancelled.getAsBoolean()) {
                f.cancel(true);
                throw new CancellationException("cancelled");
            }
            try {
                return f.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WalscopeException w) {
                    throw w;
                }
                throw new WalscopeException("The test failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** The schemas a user may choose: everything but the system's own. */
    public static List<String> schemas(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace"
                + " WHERE nspname NOT IN ('information_schema', 'pg_catalog', 'pg_toast')"
                + " AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
