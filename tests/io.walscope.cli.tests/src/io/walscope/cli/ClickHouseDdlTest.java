package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.walscope.testbed.ClickHouseEngine;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.TypeFixture;

/** {@code walscope types --ddl clickhouse} is accepted by a real ClickHouse (chDB 26.7) for every fixture type. */
class ClickHouseDdlTest {
    @Test
    void theTypeFixturesDdlIsAcceptedByClickHouse() throws Exception {
        TestServer s = PgTestBed.server(PgTestBed.PLUGINS_VERSION);
        String db = s.createDatabase("chddl");
        TypeFixture f = TypeFixture.forServer(s.major());
        s.sql(db, f.setupSql().toArray(String[]::new));
        CliRun r = CliRun.run(CliRun.env(s, db), "types", "--ddl", "clickhouse", "--table",
                TypeFixture.SCHEMA + "." + TypeFixture.TABLE);
        assertEquals(0, r.exit, r.toString());
        try (ClickHouseEngine ch = ClickHouseEngine.start()) {
            ch.query("CREATE DATABASE " + TypeFixture.SCHEMA);
            ch.query(r.out);
            String cols = ch.query("SELECT count() AS n FROM system.columns WHERE database = 'fx' AND table = 'all_types'");
            assertEquals("{\"n\":" + (f.columns().size() + 2) + "}", cols.strip(), r.out);
        }
    }
}
