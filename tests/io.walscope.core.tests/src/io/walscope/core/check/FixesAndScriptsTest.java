package io.walscope.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FixesAndScriptsTest {
    static TableFacts table(String schema, String name) {
        return new TableFacts(schema, name, 'r', null, 'd', true, null, true, true, List.of(), 0, Set.of());
    }

    @Test
    void fixSqlQuotesEveryIdentifier() {
        TableFacts t = table("Sales Dept", "a\"b; drop table x; --");
        assertEquals(List.of("ALTER TABLE \"Sales Dept\".\"a\"\"b; drop table x; --\" REPLICA IDENTITY FULL"),
                Fixes.replicaIdentityFull(t, false).sql());
        assertEquals("GRANT SELECT ON TABLE \"Sales Dept\".\"a\"\"b; drop table x; --\" TO \"CDC User\"",
                Fixes.grantSelect(t, "CDC User").sql().get(0));
        assertEquals("CREATE PUBLICATION dbz_publication FOR TABLE shop.\"Order Items\", shop.orders",
                Fixes.createPublication("dbz_publication", List.of(table("shop", "Order Items"), table("shop", "orders")), false, false).sql().get(0));
        assertEquals("CREATE PUBLICATION dbz_publication_root FOR TABLE shop.events WITH (publish_via_partition_root = true)",
                Fixes.createPublication("dbz_publication_root", List.of(table("shop", "events")), true, false).sql().get(0));
        assertEquals("SELECT pg_drop_replication_slot('it''s')", Fixes.dropSlot("it's").sql().get(0));
        assertTrue(Fixes.dropSlot("s").explicitOnly());
        assertFalse(Fixes.dropSlot("s").transactional());
        Fix ws = Fixes.alterSystem("wal_level", "logical", true);
        assertEquals(List.of("ALTER SYSTEM SET wal_level = logical", "SELECT pg_reload_conf()"), ws.sql());
        assertTrue(ws.needsRestart());
        assertFalse(ws.transactional(), "ALTER SYSTEM cannot run in a transaction block");
        assertEquals("ALTER ROLE \"Cdc\" WITH REPLICATION", Fixes.alterRoleReplication("Cdc").sql().get(0));
    }

    @Test
    void fixScriptPutsAlterSystemOutsideTheTransaction() {
        Finding wal = new Finding(CheckId.SERVER_WAL_LEVEL, Status.FAIL, "wal_level", "m", Fixes.alterSystem("wal_level", "logical", true));
        Finding ri = new Finding(CheckId.TABLE_REPLICA_IDENTITY, Status.WARN, "shop.Order Items", "m",
                Fixes.replicaIdentityFull(table("shop", "Order Items"), false));
        String s = Scripts.fixScript("t", List.of(wal, ri, ri));
        int begin = s.indexOf("BEGIN;");
        int commit = s.indexOf("COMMIT;");
        int alter = s.indexOf("ALTER SYSTEM");
        assertTrue(begin >= 0 && commit > begin && alter > commit, s);
        assertEquals(s.indexOf("REPLICA IDENTITY FULL"), s.lastIndexOf("REPLICA IDENTITY FULL"), "statements are not repeated");
        assertTrue(s.contains("-- A restart is needed after: server.wal_level"), s);
    }

    @Test
    void cdcUserScript() {
        List<String> s = Scripts.cdcUser("CDC User", List.of("shop", "Sales Dept"));
        String all = String.join(";\n", s);
        assertTrue(all.contains("rolname = 'CDC User'"), all);
        assertTrue(all.contains("CREATE ROLE \"CDC User\" WITH LOGIN REPLICATION"), all);
        assertTrue(all.contains("GRANT USAGE ON SCHEMA \"Sales Dept\" TO \"CDC User\""), all);
        assertTrue(all.contains("GRANT SELECT ON ALL TABLES IN SCHEMA shop TO \"CDC User\""), all);
        assertTrue(all.contains("ALTER DEFAULT PRIVILEGES IN SCHEMA shop GRANT SELECT ON TABLES TO \"CDC User\""), all);
        assertFalse(all.contains("PASSWORD"), "no password in a script");
    }

    @Test
    void lastUpdateScript() {
        List<String> s = Scripts.lastUpdate("shop", List.of("Order Items"));
        assertTrue(s.get(0).startsWith("CREATE OR REPLACE FUNCTION shop.update_lastmodified_column() RETURNS trigger"), s.get(0));
        assertEquals("ALTER TABLE shop.\"Order Items\" ADD COLUMN IF NOT EXISTS last_update timestamptz NOT NULL DEFAULT now()", s.get(1));
        assertEquals("DROP TRIGGER IF EXISTS walscope_last_update ON shop.\"Order Items\"", s.get(2));
        assertEquals("CREATE TRIGGER walscope_last_update BEFORE UPDATE ON shop.\"Order Items\" FOR EACH ROW EXECUTE PROCEDURE shop.update_lastmodified_column()", s.get(3));
        List<String> every = Scripts.lastUpdate("Sales Dept", List.of());
        assertEquals(2, every.size());
        assertTrue(every.get(1).startsWith("DO $walscope$"), every.get(1));
        assertTrue(every.get(1).contains("n.nspname = 'Sales Dept'"), every.get(1));
    }

    @Test
    void dollarQuoteAvoidsItsTag() {
        assertTrue(Scripts.dollar("x $walscope$ y").startsWith("$walscope1$"));
    }

    @Test
    void hbaLinePerVersion() {
        assertEquals("host replication cdc 127.0.0.1/32 md5", Hba.line(90624, "shop", "cdc", "127.0.0.1", "md5"));
        assertEquals("host shop cdc 127.0.0.1/32 scram-sha-256", Hba.line(160004, "shop", "cdc", "127.0.0.1", "scram-sha-256"));
        assertEquals("host \"My Db\" \"CDC User\" ::1/128 scram-sha-256", Hba.line(160004, "My Db", "CDC User", "::1", "scram-sha-256"));
        assertEquals("local replication cdc md5", Hba.line(90624, "shop", "cdc", null, "md5"));
    }
}
