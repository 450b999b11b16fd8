package io.walscope.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.walscope.core.profile.Plugin;

/** The judgement of facts, without a database. */
class RulesTest {
    static final RoleFacts SU = new RoleFacts("admin", true, false, List.of(), false, true);
    static final RoleFacts CDC = new RoleFacts("cdc", false, false, List.of("repl_group"), false, false);

    static ServerFacts server(String walLevel, boolean pending, int slots, int inUse) {
        return new ServerFacts("16.4", 160004, walLevel, pending, slots, false, 10, false, inUse, "shop");
    }

    static TableFacts t(String name, char ri, boolean pk) {
        return new TableFacts("shop", name, 'r', null, ri, pk, ri == 'i' ? "idx" : null, true, true, List.of("note"), 0, Set.of());
    }

    static Finding one(List<Finding> fs, String id, String subject) {
        return fs.stream().filter(f -> f.id().equals(id) && f.subject().equals(subject)).findFirst().orElseThrow(
                () -> new AssertionError(id + " " + subject + " not in " + fs));
    }

    @Test
    void walLevelAndSlots() {
        List<Finding> fs = ServerRules.judge(server("replica", false, 1, 1), SU, Plugin.PGOUTPUT, false);
        Finding wal = one(fs, CheckId.SERVER_WAL_LEVEL, "wal_level");
        assertEquals(Status.FAIL, wal.status());
        assertTrue(wal.fix().needsRestart() && wal.fix().needsSuperuser() && !wal.fix().transactional());
        Finding slots = one(fs, CheckId.SERVER_MAX_REPLICATION_SLOTS, "max_replication_slots");
        assertEquals(Status.FAIL, slots.status(), "1 slot in use needs 2");
        assertEquals("ALTER SYSTEM SET max_replication_slots = 10", slots.fix().sql().get(0));
        assertEquals(Status.OK, one(fs, CheckId.SERVER_MAX_WAL_SENDERS, "max_wal_senders").status());

        Finding pending = one(ServerRules.judge(server("replica", true, 10, 0), SU, Plugin.PGOUTPUT, false), CheckId.SERVER_WAL_LEVEL, "wal_level");
        assertEquals(Status.FAIL, pending.status());
        assertNull(pending.fix(), "nothing to run: a restart is due");
        assertTrue(pending.message().contains("restart"), pending.message());
    }

    @Test
    void versionAndPlugin() {
        ServerFacts old = new ServerFacts("9.6.24", 90624, "logical", false, 10, false, 10, false, 0, "shop");
        assertEquals(Status.FAIL, one(ServerRules.judge(old, SU, Plugin.PGOUTPUT, false), CheckId.SERVER_VERSION, "PostgreSQL 9.6.24").status());
        assertEquals(Status.OK, one(ServerRules.judge(old, SU, Plugin.TEST_DECODING, false), CheckId.SERVER_VERSION, "PostgreSQL 9.6.24").status());
        ServerFacts twelve = new ServerFacts("12.22", 120022, "logical", false, 10, false, 10, false, 0, "shop");
        assertEquals(Status.WARN, one(ServerRules.judge(twelve, SU, Plugin.PGOUTPUT, true), CheckId.SERVER_VERSION, "PostgreSQL 12.22").status());
    }

    @Test
    void replicationIsNotInherited() {
        Finding f = one(ServerRules.judge(server("logical", false, 10, 0), CDC, Plugin.PGOUTPUT, false), CheckId.ROLE_REPLICATION, "cdc");
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().contains("only through membership of repl_group"), f.message());
        assertEquals("ALTER ROLE cdc WITH REPLICATION", f.fix().sql().get(0));
        RoleFacts rds = new RoleFacts("cdc", false, false, List.of(), true, false);
        assertEquals(Status.OK, one(ServerRules.judge(server("logical", false, 10, 0), rds, Plugin.PGOUTPUT, false), CheckId.ROLE_REPLICATION, "cdc").status());
    }

    @Test
    void tables() {
        List<TableFacts> ts = List.of(t("full", 'f', true), t("nothing", 'n', true), t("nopk", 'd', false), t("pk", 'd', true), t("idx", 'i', false));
        List<Finding> pg = TableRules.judge(List.of(new SchemaFacts("shop", true, true)), ts, SU, Plugin.PGOUTPUT, 160004);
        assertEquals(Status.OK, one(pg, CheckId.TABLE_REPLICA_IDENTITY, "shop.full").status());
        assertEquals(Status.FAIL, one(pg, CheckId.TABLE_REPLICA_IDENTITY, "shop.nothing").status());
        assertEquals(Status.FAIL, one(pg, CheckId.TABLE_REPLICA_IDENTITY, "shop.nopk").status());
        assertEquals(Status.WARN, one(pg, CheckId.TABLE_REPLICA_IDENTITY, "shop.pk").status());
        assertEquals(Status.WARN, one(pg, CheckId.TABLE_REPLICA_IDENTITY, "shop.idx").status());
        assertEquals(Status.WARN, one(pg, CheckId.TABLE_PRIMARY_KEY, "shop.nopk").status());
        assertEquals(Status.INFO, one(pg, CheckId.TABLE_PRIMARY_KEY, "shop.idx").status());
        assertEquals(Status.INFO, one(pg, CheckId.TABLE_TOAST, "shop.pk").status());
        assertEquals(Status.OK, one(pg, CheckId.TABLE_TOAST, "shop.full").status());
        List<Finding> wj = TableRules.judge(List.of(), ts, SU, Plugin.WAL2JSON, 160004);
        assertEquals(Status.FAIL, one(wj, CheckId.TABLE_PRIMARY_KEY, "shop.nopk").status());
        assertEquals(Status.OK, one(wj, CheckId.TABLE_PRIMARY_KEY, "shop.full").status());
        assertEquals(Status.FAIL, one(TableRules.judge(List.of(new SchemaFacts("nope", false, false)), List.of(), SU, Plugin.PGOUTPUT, 160004),
                CheckId.GRANT_SCHEMA_USAGE, "nope").status());
    }

    @Test
    void publicationsPerVersion() {
        TableFacts root = new TableFacts("shop", "events", 'p', null, 'd', false, null, true, true, List.of(), 2, Set.of());
        TableFacts part = new TableFacts("shop", "events_1", 'r', "shop.events", 'd', false, null, true, true, List.of(), 0, Set.of());
        TableFacts plain = t("orders", 'f', true);
        CheckOptions o = CheckOptions.of(List.of("shop"), Plugin.PGOUTPUT);
        List<Finding> v16 = PublicationRules.judge(List.of(root, part, plain), Map.of(), SU, o, 160004, "shop");
        Finding main = one(v16, CheckId.PUBLICATION_EXISTS, "dbz_publication");
        assertEquals("CREATE PUBLICATION dbz_publication FOR TABLE shop.orders", main.fix().sql().get(0));
        Finding rootPub = one(v16, CheckId.PUBLICATION_EXISTS, "dbz_publication_root");
        assertEquals("CREATE PUBLICATION dbz_publication_root FOR TABLE shop.events WITH (publish_via_partition_root = true)", rootPub.fix().sql().get(0));
        assertNull(one(v16, CheckId.PUBLICATION_TABLES, "shop.events_1").fix(), "a partition is published through its root");

        List<Finding> v12 = PublicationRules.judge(List.of(root, part, plain), Map.of(), SU, o, 120022, "shop");
        assertEquals("CREATE PUBLICATION dbz_publication FOR TABLE shop.events_1, shop.orders", one(v12, CheckId.PUBLICATION_EXISTS, "dbz_publication").fix().sql().get(0));
        assertEquals(Status.INFO, one(v12, CheckId.PUBLICATION_TABLES, "shop.events").status());
        assertTrue(v12.stream().noneMatch(f -> f.subject().equals("dbz_publication_root")));

        Map<String, PublicationFacts> exists = Map.of("dbz_publication", new PublicationFacts("dbz_publication", false, false, true));
        Finding add = one(PublicationRules.judge(List.of(plain), exists, SU, o, 160004, "shop"), CheckId.PUBLICATION_TABLES, "shop.orders");
        assertEquals("ALTER PUBLICATION dbz_publication ADD TABLE shop.orders", add.fix().sql().get(0));

        RoleFacts notOwner = new RoleFacts("cdc", false, true, List.of(), false, false);
        TableFacts foreign = new TableFacts("shop", "orders", 'r', null, 'f', true, null, true, false, List.of(), 0, Set.of());
        Finding cp = one(PublicationRules.judge(List.of(foreign), Map.of(), notOwner, o, 160004, "shop"), CheckId.ROLE_CREATE_PUBLICATION, "cdc");
        assertEquals(Status.FAIL, cp.status());
        assertTrue(cp.message().contains("lacks CREATE on database shop") && cp.message().contains("does not own 1 table"), cp.message());
    }

    @Test
    void allTablesViaRootCoversPartitionedTablesWithoutASecondPublication() {
        TableFacts root = new TableFacts("shop", "events", 'p', null, 'd', false, null, true, true, List.of(), 2,
                Set.of("dbz_publication"));
        TableFacts part = new TableFacts("shop", "events_1", 'r', "shop.events", 'd', false, null, true, true, List.of(),
                0, Set.of());
        TableFacts plain = new TableFacts("shop", "orders", 'r', null, 'd', true, null, true, true, List.of(), 0,
                Set.of("dbz_publication"));
        CheckOptions o = CheckOptions.of(List.of("shop"), Plugin.PGOUTPUT);
        Map<String, PublicationFacts> all = Map.of("dbz_publication",
                new PublicationFacts("dbz_publication", true, true, true));
        List<Finding> fs = PublicationRules.judge(List.of(root, part, plain), all, SU, o, 160004, "shop");
        assertTrue(fs.stream().noneMatch(f -> f.subject().equals("dbz_publication_root")), fs.toString());
        assertTrue(fs.stream().allMatch(f -> f.status() == Status.OK), fs.toString());
        // only the roots' publication, FOR ALL TABLES via root: no empty dbz_publication is proposed either
        Map<String, PublicationFacts> rootOnly = Map.of("dbz_publication_root",
                new PublicationFacts("dbz_publication_root", true, true, true));
        TableFacts root2 = new TableFacts("shop", "events", 'p', null, 'd', false, null, true, true, List.of(), 2,
                Set.of("dbz_publication_root"));
        TableFacts plain2 = new TableFacts("shop", "orders", 'r', null, 'd', true, null, true, true, List.of(), 0,
                Set.of("dbz_publication_root"));
        List<Finding> fs2 = PublicationRules.judge(List.of(root2, part, plain2), rootOnly, SU, o, 160004, "shop");
        assertTrue(fs2.stream().allMatch(f -> f.status() == Status.OK && f.fix() == null), fs2.toString());
    }

    @Test
    void slots() {
        SlotInfo idle = new SlotInfo("idle", "pgoutput", "logical", "shop", false, false, null, "0/1", "0/1", 2 * Bytes.GIB, "extended", null, null);
        SlotInfo busy = new SlotInfo("busy", "pgoutput", "logical", "shop", false, true, 42, "0/1", "0/1", 10L, "reserved", 100L, null);
        SlotInfo lost = new SlotInfo("lost", "pgoutput", "logical", "shop", false, false, null, null, null, null, "lost", null, null);
        List<Finding> fs = SlotRules.judge(List.of(idle, busy, lost), Bytes.GIB);
        Finding inactive = one(fs, CheckId.SLOT_INACTIVE, "idle");
        assertEquals(Status.WARN, inactive.status());
        assertNotNull(inactive.fix());
        assertTrue(inactive.message().contains("2.0 GiB"), inactive.message());
        assertEquals(Status.WARN, one(fs, CheckId.SLOT_RETAINED_WAL, "idle").status());
        assertEquals(Status.OK, one(fs, CheckId.SLOT_INACTIVE, "busy").status());
        assertEquals(Status.OK, one(fs, CheckId.SLOT_RETAINED_WAL, "busy").status());
        assertEquals(Status.FAIL, one(fs, CheckId.SLOT_RETAINED_WAL, "lost").status());
    }
}
