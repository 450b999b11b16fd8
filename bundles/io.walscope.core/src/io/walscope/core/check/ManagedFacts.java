package io.walscope.core.check;

/**
 * What tells a managed PostgreSQL service apart, read in one query: its own settings and roles. {@code null}
 * settings do not exist on the server.
 *
 * @param rdsLogicalReplication {@code rds.logical_replication} (Amazon RDS and Aurora)
 * @param aurora                the function {@code aurora_version()} exists (Aurora PostgreSQL)
 * @param rdsRoles              the role {@code rds_superuser} exists
 * @param cloudSqlLogicalDecoding {@code cloudsql.logical_decoding} (Google Cloud SQL)
 * @param cloudSqlRoles         the role {@code cloudsqlsuperuser} exists
 * @param azure                 an {@code azure.*} setting or the role {@code azure_pg_admin} exists (Azure Database
 *                              for PostgreSQL flexible server)
 * @param walLevel              {@code wal_level} (Azure sets it as a server parameter)
 */
public record ManagedFacts(String rdsLogicalReplication, boolean aurora, boolean rdsRoles,
        String cloudSqlLogicalDecoding, boolean cloudSqlRoles, boolean azure, String walLevel) {

    /** A server that is no managed service. */
    public static ManagedFacts selfManaged(String walLevel) {
        return new ManagedFacts(null, false, false, null, false, false, walLevel);
    }
}
