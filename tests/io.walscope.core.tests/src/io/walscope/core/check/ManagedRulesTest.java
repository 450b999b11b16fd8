package io.walscope.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code managed.logical} as a pure rule: no managed service (RDS, Aurora, Cloud SQL, Azure) is reachable from the
 * build machine, so the facts those services expose (their settings and roles) are given here; the real servers of
 * the core.pg tests show the self-managed case.
 */
class ManagedRulesTest {
    static final ManagedFacts RDS_OFF = new ManagedFacts("0", false, true, null, false, false, "replica");
    static final ManagedFacts RDS_ON = new ManagedFacts("1", false, true, null, false, false, "logical");
    static final ManagedFacts AURORA_OFF = new ManagedFacts("off", true, true, null, false, false, "replica");
    static final ManagedFacts CLOUD_OFF = new ManagedFacts(null, false, false, "off", true, false, "replica");
    static final ManagedFacts CLOUD_ON = new ManagedFacts(null, false, false, "on", true, false, "logical");
    static final ManagedFacts AZURE_OFF = new ManagedFacts(null, false, false, null, false, true, "replica");
    static final ManagedFacts AZURE_ON = new ManagedFacts(null, false, false, null, false, true, "logical");

    @Test
    void eachProviderFailsWithItsOwnStepsAndPassesWhenOn() {
        Finding rds = ManagedRules.judge(RDS_OFF);
        assertEquals(Status.FAIL, rds.status());
        assertEquals("rds", rds.subject());
        assertNull(rds.fix(), "no SQL can do it: the parameter group does");
        assertTrue(rds.message().contains("rds.logical_replication = 1 in the DB parameter group, reboot the instance")
                && rds.message().contains("rds_replication"), rds.message());
        assertEquals(Status.OK, ManagedRules.judge(RDS_ON).status());
        Finding aurora = ManagedRules.judge(AURORA_OFF);
        assertEquals("aurora", aurora.subject());
        assertTrue(aurora.message().contains("DB cluster parameter group, reboot the writer instance"), aurora.message());
        Finding cloud = ManagedRules.judge(CLOUD_OFF);
        assertEquals(Status.FAIL, cloud.status());
        assertTrue(cloud.message().contains("--database-flags=cloudsql.logical_decoding=on"), cloud.message());
        assertEquals(Status.OK, ManagedRules.judge(CLOUD_ON).status());
        Finding azure = ManagedRules.judge(AZURE_OFF);
        assertEquals(Status.FAIL, azure.status());
        assertTrue(azure.message().contains("--name wal_level --value logical"), azure.message());
        assertEquals(Status.OK, ManagedRules.judge(AZURE_ON).status());
        Finding self = ManagedRules.judge(ManagedFacts.selfManaged("logical"));
        assertEquals(Status.OK, self.status());
        assertEquals("self-managed", self.subject());
    }

    @Test
    void alterSystemFixesGiveWayToTheProvidersSteps() {
        Finding wal = ServerRules.walLevel(new ServerFacts("16.4", 160004, "replica", false, 10, false, 10, false, 0, "d"));
        Finding slots = new Finding(CheckId.SERVER_MAX_REPLICATION_SLOTS, Status.FAIL, "max_replication_slots", "m.",
                Fixes.alterSystem("max_replication_slots", "10", true));
        Finding grant = new Finding(CheckId.GRANT_TABLE_SELECT, Status.FAIL, "s.t", "m.", Fix.of(true, "GRANT ..."));
        List<Finding> rds = ManagedRules.adjust(List.of(wal, slots, grant), RDS_OFF);
        assertNull(rds.get(0).fix());
        assertTrue(rds.get(0).message().endsWith("Amazon RDS refuses ALTER SYSTEM: its own setting decides (see managed.logical)."),
                rds.get(0).message());
        assertNull(rds.get(1).fix());
        assertTrue(rds.get(1).message().endsWith("set max_replication_slots in the DB parameter group and reboot the instance."),
                rds.get(1).message());
        assertSame(grant, rds.get(2), "SQL fixes still apply");
        assertTrue(ManagedRules.adjust(List.of(slots), AZURE_OFF).get(0).message()
                .endsWith("set the server parameter max_replication_slots (portal > Server parameters) and restart the server."));
        assertSame(slots, ManagedRules.adjust(List.of(slots), ManagedFacts.selfManaged("logical")).get(0));
    }
}
