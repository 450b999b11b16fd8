package io.walscope.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@code table.clickhouse_toast}: only tables whose ClickHouse rows could lose unchanged TOASTed values. */
class ClickHouseToastRulesTest {
    private static TableFacts t(String name, char ri, boolean pk, List<String> toast) {
        return new TableFacts("shop", name, 'r', null, ri, pk, null, true, true, toast, 0, Set.of());
    }

    @Test
    void flagsOnlyKeylessTablesWithoutFullIdentity() {
        List<Finding> f = ClickHouseToastRules.judge(List.of(t("keyed", 'd', true, List.of("body")),
                t("full", 'f', false, List.of("body")), t("plain", 'd', false, List.of()),
                t("logs", 'd', false, List.of("msg", "payload"))));
        assertEquals(1, f.size(), f.toString());
        Finding logs = f.get(0);
        assertEquals(CheckId.TABLE_CLICKHOUSE_TOAST, logs.id());
        assertEquals(Status.WARN, logs.status());
        assertEquals("shop.logs", logs.subject());
        assertTrue(logs.message().startsWith("An update of shop.logs that leaves msg, payload unchanged"), logs.message());
        assertTrue(logs.message().endsWith("Set REPLICA IDENTITY FULL (the fix of table.replica_identity) or add a"
                + " primary key."), logs.message());
        assertNull(logs.fix(), "table.replica_identity carries the ALTER TABLE: apply runs it once");
        assertTrue(CheckId.ALL.contains(CheckId.TABLE_CLICKHOUSE_TOAST));
    }
}
