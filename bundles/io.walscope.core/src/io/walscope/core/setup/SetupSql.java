package io.walscope.core.setup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.walscope.core.check.Finding;
import io.walscope.core.check.Fix;
import io.walscope.core.check.Fixes;
import io.walscope.core.check.PluginAllowList;
import io.walscope.core.check.Scripts;
import io.walscope.core.check.Sql;
import io.walscope.core.check.Status;

/**
 * The changes the setup wizard makes beyond the checks' own fixes, as findings with a fix, so that they preview,
 * apply (atomically, through the same applier) and export like every other fix. Pure: identifiers and literals are
 * quoted by {@link Sql}.
 */
public final class SetupSql {
    /** The id of the finding that creates the CDC user. */
    public static final String CDC_USER = "role.cdc_user";
    /** The id of the finding that allows further output plugins. */
    public static final String ALLOW_PLUGINS = "plugin.allowed";
    /** The id of the finding that adds the last-update support. */
    public static final String LAST_UPDATE = "poll.last_update";
    /** The id of the finding that switches SSL on with the generated files. */
    public static final String SSL_ON = "ssl.files";

    private SetupSql() {
    }

    /**
     * A login role for CDC ({@link Scripts#cdcUser}) with its password, given as the verifier PostgreSQL stores
     * ({@code SCRAM-SHA-256$...} or {@code md5...}): the clear text never travels, nor lands in a log or a script.
     *
     * @param runnerIsSuperuser whether the role applying it is a superuser (creating a REPLICATION role needs one)
     */
    public static Finding cdcUser(String user, List<String> schemas, String passwordVerifier, boolean runnerIsSuperuser) {
        List<String> sql = new ArrayList<>(Scripts.cdcUser(user, schemas));
        sql.add("ALTER ROLE " + Sql.ident(user) + " WITH PASSWORD " + Sql.literal(passwordVerifier));
        return new Finding(CDC_USER, Status.FAIL, user, "Create the login role " + user
                + " with REPLICATION, USAGE on " + String.join(", ", schemas) + " and SELECT on their tables; its"
                + " generated password is kept in secure storage.",
                new Fix(sql, false, !runnerIsSuperuser, true, false));
    }

    /**
     * {@code output_plugin_libraries} listing {@code plugins} besides what it lists now, or null when the server has
     * no such setting or lists them all already.
     *
     * @param shown the setting as SHOW prints it (null: no such setting)
     */
    public static Finding allowPlugins(String shown, Collection<String> plugins) {
        if (shown == null) {
            return null;
        }
        List<String> listed = PluginAllowList.parse(shown);
        List<String> wanted = new ArrayList<>();
        List<String> elements = listed;
        for (String p : plugins) {
            if (!PluginAllowList.allows(elements, p) || PluginAllowList.hasOneStringTrap(elements)) {
                elements = PluginAllowList.withPlugin(elements, p);
                wanted.add(p);
            }
        }
        if (wanted.isEmpty()) {
            return null;
        }
        return new Finding(ALLOW_PLUGINS, Status.FAIL, String.join(", ", wanted), PluginAllowList.SETTING + " is "
                + (listed.isEmpty() ? "empty" : PluginAllowList.display(listed)) + ": list " + String.join(", ", wanted)
                + " too (a reload, no restart).", Fixes.outputPluginLibraries(elements));
    }

    /** The last-update column and trigger ({@link Scripts#lastUpdate}) for {@code tables} of one schema. */
    public static Finding lastUpdate(String schema, List<String> tables, boolean needsOwner) {
        return new Finding(LAST_UPDATE, Status.WARN, schema, "Add a " + Scripts.LAST_UPDATE_COLUMN
                + " column and a trigger that sets it on UPDATE to " + tables.size() + " table"
                + (tables.size() == 1 ? "" : "s") + " of " + schema + ".",
                new Fix(Scripts.lastUpdate(schema, tables), false, needsOwner, true, false));
    }

    /**
     * Switches SSL on with files in the data directory (their names relative to it): {@code ALTER SYSTEM} and a
     * reload (from PostgreSQL 10; 9.6 needs a restart).
     */
    public static Finding sslOn(String caFile, String certFile, String keyFile, int versionNum) {
        List<String> sql = new ArrayList<>();
        sql.add(alter("ssl", "on"));
        sql.add(alter("ssl_ca_file", Sql.literal(caFile)));
        sql.add(alter("ssl_cert_file", Sql.literal(certFile)));
        sql.add(alter("ssl_key_file", Sql.literal(keyFile)));
        sql.add("SELECT pg_reload_conf()");
        boolean restart = versionNum < 100000;
        return new Finding(SSL_ON, Status.WARN, "ssl", "Use " + certFile + ", " + keyFile + " and " + caFile
                + " from the data directory (copy them there first; the key owned by the server's user, mode 0600)"
                + (restart ? "; takes effect after a restart." : "; a reload, no restart."),
                new Fix(sql, restart, true, false, false));
    }

    private static String alter(String setting, String value) {
        return "ALTER SYSTEM SET " + Sql.ident(setting) + " = " + value;
    }

    /** The source guide's postgresql.conf lines for the files (ciphers and server preference as the guide has them). */
    public static List<String> sslConfLines(String caFile, String certFile, String keyFile) {
        return List.of("ssl = on", "ssl_ca_file = " + Sql.literal(caFile), "ssl_cert_file = " + Sql.literal(certFile),
                "ssl_crl_file = ''", "ssl_key_file = " + Sql.literal(keyFile),
                "ssl_ciphers = 'HIGH:MEDIUM:+3DES:!aNULL' # allowed SSL ciphers", "ssl_prefer_server_ciphers = on");
    }
}
