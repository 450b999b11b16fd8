package io.walscope.core.check;

import java.util.List;

/**
 * The login role as the checks see it.
 *
 * @param replicationGroups   roles with REPLICATION this role is a member of (PostgreSQL does not inherit the
 *                            attribute: shown to explain why membership does not help)
 * @param rdsReplication      member of {@code rds_replication} (Amazon RDS grants logical replication so)
 * @param createOnDatabase    may create publications (CREATE on the current database)
 */
public record RoleFacts(String name, boolean superuser, boolean replication, List<String> replicationGroups,
        boolean rdsReplication, boolean createOnDatabase) {
    public RoleFacts {
        replicationGroups = List.copyOf(replicationGroups);
    }
}
