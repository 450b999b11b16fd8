package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.check.Status;
import io.walscope.core.pg.check.ApplyReport;
import io.walscope.core.pg.check.CheckRunner;
import io.walscope.core.pg.check.FixApplier;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * One publication story: what {@code apply} creates (dbz_publication for the plain tables, dbz_publication_root
 * with publish_via_partition_root for the partitioned ones) is what the stream reads by default, so changes of a
 * partitioned table arrive under its root; {@code a,b} names several; FOR ALL TABLES with
 * publish_via_partition_root satisfies {@code check} alone and apply proposes no empty publication. PG 13+.
 */
class PublicationStoryTest {
    static Stream<String> versions() {
        return PgTestBed.majorsFrom(13);
    }

    @AfterEach
    void dropSlots() {
        Slots2.dropAll();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void whatApplyCreatesIsWhatTheStreamReads(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = Slots2.track(s, "pubstory");
        s.sql(db, "CREATE TABLE plain (id int PRIMARY KEY)",
                "CREATE TABLE meas (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
                "CREATE TABLE meas_2026 PARTITION OF meas FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        CheckOptions o = CheckOptions.of(List.of("public"), Plugin.PGOUTPUT);
        CheckReport before = new CheckRunner(s.profile(db), s.superuserSecrets()).run(o, Progress.NONE);
        List<Finding> pubFixes = before.fixable().stream().filter(f -> f.area().equals("publication")).toList();
        try (Connection c = s.connect(db)) {
            ApplyReport ar = FixApplier.apply(c, pubFixes, true, Progress.NONE);
            assertTrue(ar.ok(), ar.failure());
        }
        CheckReport after = new CheckRunner(s.profile(db), s.superuserSecrets()).run(o, Progress.NONE);
        assertTrue(after.findings().stream().filter(f -> f.area().equals("publication"))
                .allMatch(f -> f.status() == Status.OK), after.findings().toString());
        ChangeStreamTest.slot(s, db, "story_default", Plugin.PGOUTPUT);
        ChangeStreamTest.slot(s, db, "story_listed", Plugin.PGOUTPUT);
        s.sql(db, "INSERT INTO plain VALUES (1)", "INSERT INTO meas VALUES (1, '2026-05-01')");
        long until = ChangeStreamTest.currentLsn(s, db);
        Collect byDefault = ChangeStreamTest.stream(s, db,
                new StreamOptions().plugin(Plugin.PGOUTPUT).slot("story_default").untilLsn(until));
        assertEquals(List.of("plain", "meas"), byDefault.events.stream().map(ChangeEvent::table).toList(),
                String.join("\n", byDefault.json));
        Collect listed = ChangeStreamTest.stream(s, db, new StreamOptions().plugin(Plugin.PGOUTPUT)
                .slot("story_listed").publication("dbz_publication,dbz_publication_root").untilLsn(until));
        assertEquals(byDefault.rows(), listed.rows());

        String db2 = Slots2.track(s, "pubstory_all");
        s.sql(db2, "CREATE TABLE plain (id int PRIMARY KEY)",
                "CREATE TABLE meas (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
                "CREATE TABLE meas_2026 PARTITION OF meas FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE PUBLICATION dbz_publication FOR ALL TABLES WITH (publish_via_partition_root = true)");
        CheckReport all = new CheckRunner(s.profile(db2), s.superuserSecrets()).run(o, Progress.NONE);
        assertTrue(all.findings().stream().filter(f -> f.area().equals("publication"))
                .allMatch(f -> f.status() == Status.OK), all.findings().toString());
        assertTrue(all.fixable().stream().noneMatch(f -> f.area().equals("publication")),
                "apply --dry-run proposes no publication: " + all.fixable());
    }

    /** The setup wizard's Watch Changes: a temporary slot reading the publications apply created. */
    @org.junit.jupiter.api.Test
    void aTemporarySlotReadsBothPublications() throws Exception {
        TestServer s = PgTestBed.server("15");
        String db = Slots2.track(s, "pubwatch");
        s.sql(db, "CREATE SCHEMA shop", "CREATE TABLE shop.customers (id int PRIMARY KEY, name text)",
                "CREATE TABLE shop.orders (id int, ordered date NOT NULL, PRIMARY KEY (id, ordered))"
                        + " PARTITION BY RANGE (ordered)",
                "CREATE TABLE shop.orders_2026 PARTITION OF shop.orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE PUBLICATION dbz_publication FOR TABLE shop.customers",
                "CREATE PUBLICATION dbz_publication_root FOR TABLE shop.orders WITH (publish_via_partition_root = true)");
        Collect c = new Collect();
        ChangeStream cs = new ChangeStream(s.profile(db), s.superuserSecrets(),
                new StreamOptions().plugin(Plugin.PGOUTPUT).publicationsThatExist(StreamOptions.DEFAULT_PUBLICATIONS));
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                cs.run(c);
            } catch (Exception e) {
                failed.set(e);
            }
        });
        t.start();
        try {
            io.walscope.testbed.Await.until("the slot to stream", java.time.Duration.ofSeconds(60),
                    () -> failed.get() != null || cs.slotName() != null && BinaryToTextTest.active(s, db, cs.slotName()));
            s.sql(db, "INSERT INTO shop.customers VALUES (1, 'a')", "INSERT INTO shop.orders VALUES (1, '2026-05-01')");
            io.walscope.testbed.Await.until("two changes (" + failed.get() + ")", java.time.Duration.ofSeconds(30),
                    () -> failed.get() != null || c.size() >= 2);
        } finally {
            cs.cancel();
            t.join(30_000);
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        assertEquals(List.of("customers", "orders"), c.events.stream().map(ChangeEvent::table).toList());
    }
}
