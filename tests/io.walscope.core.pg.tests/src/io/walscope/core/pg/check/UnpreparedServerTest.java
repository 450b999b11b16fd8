package io.walscope.core.pg.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.check.Status;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.check.ApplyReport.Outcome;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * A server of its own per version that is not set up for logical decoding (wal_level replica, no slots, no
 * WAL senders) and whose pg_hba.conf refuses one role with the {@code replication} keyword: ALTER SYSTEM runs
 * outside the transaction, takes effect after a restart, and the keyword matters only before PostgreSQL 10.
 */
class UnpreparedServerTest {
    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void settingsNeedARestartAndHbaDependsOnTheVersion(String major) throws Exception {
        try (TestServer s = PgTestBed.dedicated(major, "unprepared", c -> c
                .conf("wal_level = replica", "max_replication_slots = 0", "max_wal_senders = 0")
                .hba("host replication hba_blocked 127.0.0.1/32 reject"))) {
            CheckOptions o = CheckOptions.of(List.of("public"), Plugin.TEST_DECODING);
            CheckRunner su = new CheckRunner(s.profile("postgres"), s.superuserSecrets());
            CheckReport r = su.run(o, Progress.NONE);
            Finding wal = r.find(CheckId.SERVER_WAL_LEVEL, "wal_level");
            assertEquals(Status.FAIL, wal.status());
            assertTrue(wal.fix().needsRestart());
            assertEquals(List.of("ALTER SYSTEM SET wal_level = logical", "SELECT pg_reload_conf()"), wal.fix().sql());
            assertEquals(Status.FAIL, r.find(CheckId.SERVER_MAX_REPLICATION_SLOTS, "max_replication_slots").status());
            assertEquals(Status.FAIL, r.find(CheckId.SERVER_MAX_WAL_SENDERS, "max_wal_senders").status());
            assertEquals(Status.WARN, r.find(CheckId.PLUGIN_AVAILABLE, "test_decoding").status());
            assertEquals(Status.WARN, r.find(CheckId.HBA_REPLICATION, "walscope_test").status(),
                    r.find(CheckId.HBA_REPLICATION, "walscope_test").message());

            ApplyReport ar;
            try (Connection c = s.connect("postgres")) {
                ar = FixApplier.apply(c, r.fixable(), true, Progress.NONE);
            }
            assertTrue(ar.ok(), ar.failure());
            ApplyReport.Step alter = ar.steps().stream().filter(x -> x.sql().startsWith("ALTER SYSTEM SET wal_level")).findFirst().orElseThrow();
            assertEquals(Outcome.APPLIED, alter.outcome());
            assertTrue(alter.message().contains("cannot run inside a transaction block"), alter.message());

            Finding pending = su.run(o, Progress.NONE).find(CheckId.SERVER_WAL_LEVEL, "wal_level");
            assertEquals(Status.FAIL, pending.status());
            assertNull(pending.fix());
            assertTrue(pending.message().contains("restart"), pending.message());

            s.cluster().restart();
            CheckReport after = su.run(o, Progress.NONE);
            for (String id : List.of(CheckId.SERVER_WAL_LEVEL, CheckId.SERVER_MAX_REPLICATION_SLOTS, CheckId.SERVER_MAX_WAL_SENDERS,
                    CheckId.PLUGIN_AVAILABLE, CheckId.HBA_REPLICATION)) {
                after.byId(id).forEach(f -> assertEquals(Status.OK, f.status(), f.toString()));
            }
            assertTrue(!after.hasFailures(), after.findings().toString());

            s.sql("postgres", "CREATE ROLE hba_blocked LOGIN REPLICATION PASSWORD 'pw'");
            CheckReport blocked = new CheckRunner(s.profile("postgres").setUser("hba_blocked"), Secrets.of("pw", null)).run(o, Progress.NONE);
            Finding hba = blocked.find(CheckId.HBA_REPLICATION, "hba_blocked");
            if (major.equals("9.6")) {
                assertEquals(Status.FAIL, hba.status(), hba.message());
                assertTrue(hba.message().contains("host replication hba_blocked 127.0.0.1/32 md5"), hba.message());
            } else {
                // from 10 the replication keyword matches physical replication only
                assertEquals(Status.OK, hba.status(), hba.message());
            }
        }
    }
}
