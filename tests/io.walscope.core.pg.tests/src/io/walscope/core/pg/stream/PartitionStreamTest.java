package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.RenderedTuple;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * A partitioned table: with {@code publish_via_partition_root} pgoutput names the root for every change (what a
 * pipeline wants: one target table), without it the partitions; test_decoding always names the partitions. The
 * values are the same either way. PostgreSQL 13+ (the publication option's first version).
 */
class PartitionStreamTest {
    static Stream<String> versions() {
        return PgTestBed.majorsFrom(13);
    }

    @AfterEach
    void dropSlots() {
        Slots2.dropAll();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void theRootOrThePartitionsAsThePublicationSays(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        String db = Slots2.track(s, "parts");
        s.sql(db, "CREATE TABLE meas (id int, at date, v numeric(6,1), PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
                "CREATE TABLE meas_2025 PARTITION OF meas FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE meas_2026 PARTITION OF meas FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE PUBLICATION via_root FOR TABLE meas WITH (publish_via_partition_root = true)",
                "CREATE PUBLICATION via_leaves FOR TABLE meas");
        ChangeStreamTest.slot(s, db, "p_root", Plugin.PGOUTPUT);
        ChangeStreamTest.slot(s, db, "p_leaves", Plugin.PGOUTPUT);
        ChangeStreamTest.slot(s, db, "td", Plugin.TEST_DECODING);
        s.sql(db, "INSERT INTO meas VALUES (1, '2025-06-01', 1.5), (2, '2026-02-01', 2.5)",
                "UPDATE meas SET v = 9.5 WHERE id = 2", "DELETE FROM meas WHERE id = 1");
        long until = ChangeStreamTest.currentLsn(s, db);
        Collect root = ChangeStreamTest.stream(s, db, new StreamOptions().plugin(Plugin.PGOUTPUT).slot("p_root")
                .publication("via_root").untilLsn(until));
        Collect leaves = ChangeStreamTest.stream(s, db, new StreamOptions().plugin(Plugin.PGOUTPUT).slot("p_leaves")
                .publication("via_leaves").untilLsn(until));
        Collect td = ChangeStreamTest.stream(s, db, new StreamOptions().plugin(Plugin.TEST_DECODING).slot("td")
                .untilLsn(until));
        assertEquals(List.of("meas", "meas", "meas", "meas"), tables(root), String.join("\n", root.json));
        List<String> leafNames = List.of("meas_2025", "meas_2026", "meas_2026", "meas_2025");
        assertEquals(leafNames, tables(leaves), String.join("\n", leaves.json));
        assertEquals(leafNames, tables(td), String.join("\n", td.json));
        assertEquals(values(root), values(leaves));
        assertEquals(values(root), values(td));
        assertEquals("{id=2, at=\"2026-02-01\", v=\"9.5\"}",
                RenderedTuple.of(root.events.get(2).after()).toString());
        assertEquals("{id=1, at=\"2025-06-01\"}", RenderedTuple.of(root.events.get(3).key()).toString(),
                "the key of a delete through the root");
    }

    private static List<String> tables(Collect c) {
        return c.events.stream().map(ChangeEvent::table).toList();
    }

    /** The rows without their table names. */
    private static List<String> values(Collect c) {
        return c.rows().stream().map(r -> r.replaceFirst(" meas(_20\\d\\d)? ", " ")).toList();
    }
}
