package io.walscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        // check flags the table whose ClickHouse rows could lose unchanged TOASTed values (no key, no FULL)
        s.sql(db, "CREATE TABLE public.logs (msg text)", "CREATE TABLE public.keyed (id int PRIMARY KEY, msg text)");
        CliRun c = CliRun.run(CliRun.env(s, db), "check", "--plugin", "test_decoding", "--json");
        List<String> flagged = new ArrayList<>();
        for (JsonNode x : new ObjectMapper().readTree(c.out).get("findings")) {
            if (x.get("id").asText().equals("table.clickhouse_toast")) {
                flagged.add(x.get("subject").asText() + " " + x.get("status").asText());
            }
        }
        assertEquals(List.of("public.logs warn"), flagged, c.out);
        try (ClickHouseEngine ch = ClickHouseEngine.start()) {
            ch.query("CREATE DATABASE " + TypeFixture.SCHEMA);
            ch.query(r.out);
            String cols = ch.query("SELECT count() AS n FROM system.columns WHERE database = 'fx' AND table = 'all_types'");
            assertEquals("{\"n\":" + (f.columns().size() + 2) + "}", cols.strip(), r.out);
        }
    }
}
