package io.walscope.core.pg.setup;

import java.util.List;
import java.util.Map;

import io.walscope.core.pg.PluginProbe;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.profile.Plugin;

/**
 * What the setup wizard shows beyond the checks' findings, read in a few queries.
 *
 * @param hbaLine       the pg_hba.conf line the CDC user's replication connection needs on this server's version
 * @param plugins       every plugin's availability, proven with a temporary slot where the role may
 * @param tables        the chosen schemas' tables and whether they have the last-update column and trigger
 * @param passwordEncryption {@code scram-sha-256} or {@code md5}: how a new role's password is stored
 */
public record SetupFacts(ServerInfo server, SslState ssl, String hbaLine, Map<Plugin, PluginProbe.Result> plugins,
        List<PollTable> tables, String passwordEncryption) {

    /**
     * A table as timestamp polling needs it.
     *
     * @param partition a partition (the column is added on its root, the trigger on it)
     */
    public record PollTable(String schema, String name, boolean partitioned, boolean partition, boolean hasPrimaryKey,
            boolean hasColumn, boolean hasTrigger) {
        public String subject() {
            return schema + "." + name;
        }

        /** True when the column and the trigger are there (a partitioned root needs only the column). */
        public boolean ready() {
            return hasColumn && (partitioned || hasTrigger);
        }
    }

    /**
     * The server's SSL settings and this session's SSL.
     *
     * @param dataDirectory null when the role may not read it (superuser or pg_read_all_settings)
     */
    public record SslState(boolean on, String certFile, String keyFile, String caFile, String dataDirectory,
            boolean sessionSsl, String sessionVersion, String sessionCipher) {
        public String describe() {
            return "ssl is " + (on ? "on" : "off") + (on ? " (cert " + certFile + ", key " + keyFile
                    + (caFile == null || caFile.isEmpty() ? ", no CA file" : ", CA " + caFile) + ")" : "")
                    + "; this connection " + (sessionSsl ? "uses " + sessionVersion + " " + sessionCipher : "is not encrypted");
        }
    }
}
