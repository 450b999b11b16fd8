package io.walscope.core.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Managed PostgreSQL services gate logical decoding with their own settings and refuse {@code ALTER SYSTEM}:
 * {@code managed.logical}, and the ALTER SYSTEM fixes of other checks replaced by the provider's steps. Detected by
 * the settings and roles those services expose. Pure.
 */
public final class ManagedRules {
    /** A managed service Walscope recognizes. */
    public enum Provider {
        RDS("Amazon RDS"), AURORA("Amazon Aurora"), CLOUD_SQL("Google Cloud SQL"),
        AZURE("Azure Database for PostgreSQL flexible server");

        private final String label;

        Provider(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private ManagedRules() {
    }

    /** The service the facts point to, or {@code null} for a server of one's own. */
    public static Provider provider(ManagedFacts m) {
        if (m.aurora()) {
            return Provider.AURORA;
        }
        if (m.rdsLogicalReplication() != null || m.rdsRoles()) {
            return Provider.RDS;
        }
        if (m.cloudSqlLogicalDecoding() != null || m.cloudSqlRoles()) {
            return Provider.CLOUD_SQL;
        }
        if (m.azure()) {
            return Provider.AZURE;
        }
        return null;
    }

    public static Finding judge(ManagedFacts m) {
        Provider p = provider(m);
        String subject = p == null ? "self-managed" : p.name().toLowerCase(java.util.Locale.ROOT);
        if (p == null) {
            return Finding.ok(CheckId.MANAGED_LOGICAL, subject, "No managed service's settings (rds.*, cloudsql.*, azure.*)"
                    + " or roles: ALTER SYSTEM fixes apply.");
        }
        return switch (p) {
            case RDS, AURORA -> on(m.rdsLogicalReplication())
                    ? Finding.ok(CheckId.MANAGED_LOGICAL, subject, p.label() + ": rds.logical_replication is on.")
                    : new Finding(CheckId.MANAGED_LOGICAL, Status.FAIL, subject, p.label() + " sets logical decoding"
                            + " through its parameter group, not ALTER SYSTEM: set rds.logical_replication = 1 in the DB "
                            + (p == Provider.AURORA ? "cluster " : "") + "parameter group, reboot the "
                            + (p == Provider.AURORA ? "writer instance" : "instance") + ", and grant the CDC role"
                            + " rds_replication (GRANT rds_replication TO ...).", null);
            case CLOUD_SQL -> on(m.cloudSqlLogicalDecoding())
                    ? Finding.ok(CheckId.MANAGED_LOGICAL, subject, p.label() + ": cloudsql.logical_decoding is on.")
                    : new Finding(CheckId.MANAGED_LOGICAL, Status.FAIL, subject, p.label() + " sets logical decoding"
                            + " with a database flag, not ALTER SYSTEM: set cloudsql.logical_decoding=on (gcloud sql"
                            + " instances patch INSTANCE --database-flags=cloudsql.logical_decoding=on; the instance"
                            + " restarts), and give the CDC role REPLICATION (ALTER USER ... WITH REPLICATION).", null);
            case AZURE -> "logical".equals(m.walLevel())
                    ? Finding.ok(CheckId.MANAGED_LOGICAL, subject, p.label() + ": wal_level is logical.")
                    : new Finding(CheckId.MANAGED_LOGICAL, Status.FAIL, subject, p.label() + " sets wal_level as a"
                            + " server parameter, not ALTER SYSTEM: set wal_level to logical (portal > Server parameters,"
                            + " or az postgres flexible-server parameter set --name wal_level --value logical), then"
                            + " restart the server.", null);
        };
    }

    /**
     * On a managed service, replaces the ALTER SYSTEM fixes of other checks (refused there) by the provider's way to
     * change a setting, in the message.
     */
    public static List<Finding> adjust(List<Finding> findings, ManagedFacts m) {
        Provider p = provider(m);
        if (p == null) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Fix x = f.fix();
            if (x != null && x.sql().get(0).startsWith("ALTER SYSTEM")) {
                String how = f.id().equals(CheckId.SERVER_WAL_LEVEL) ? "its own setting decides (see "
                        + CheckId.MANAGED_LOGICAL + ")" : switch (p) {
                    case RDS -> "set " + f.subject() + " in the DB parameter group"
                            + (x.needsRestart() ? " and reboot the instance" : "");
                    case AURORA -> "set " + f.subject() + " in the DB cluster parameter group"
                            + (x.needsRestart() ? " and reboot the writer instance" : "");
                    case CLOUD_SQL -> "set the database flag " + f.subject()
                            + " (gcloud sql instances patch INSTANCE --database-flags=...)";
                    case AZURE -> "set the server parameter " + f.subject() + " (portal > Server parameters)"
                            + (x.needsRestart() ? " and restart the server" : "");
                };
                out.add(new Finding(f.id(), f.status(), f.subject(), f.message() + " " + p.label()
                        + " refuses ALTER SYSTEM: " + how + ".", null));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private static boolean on(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("on") || v.equalsIgnoreCase("true"));
    }
}
