package io.walscope.core.pg.check.bench;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Progress;
import io.walscope.core.pg.check.CheckRunner;
import io.walscope.core.profile.Plugin;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * Benchmark, not a test (the name does not match the test includes, so verify never runs it):
 * 5,000 tables in 20 schemas on the test bed's PostgreSQL 16, then the checks of {@code walscope check} timed
 * in-process (no JVM start). Run: {@code ./mvnw -B verify -pl tests/io.walscope.core.pg.tests -am
 * -Dtest=CheckBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; the numbers are in the test output file.
 * End-to-end through the launcher: {@code releng/bench-check/run.sh}.
 */
class CheckBenchmark {
    @Test
    void fiveThousandTables() throws Exception {
        String major = System.getProperty("walscope.bench.version", "16");
        TestServer s = PgTestBed.server(major);
        String db = s.createDatabase("bench");
        List<String> schemas = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 1; i <= 20; i++) {
            String sch = String.format("s%02d", i);
            schemas.add(sch);
            s.sql(db, "DO $$ BEGIN EXECUTE 'CREATE SCHEMA " + sch + "'; FOR t IN 1..250 LOOP"
                    + " EXECUTE format('CREATE TABLE " + sch + ".%I (id int %s, name text, payload jsonb, created timestamptz)',"
                    + "   't' || lpad(t::text, 4, '0'), CASE WHEN t % 10 = 0 THEN '' ELSE 'PRIMARY KEY' END);"
                    + " IF t % 3 = 0 THEN EXECUTE format('ALTER TABLE " + sch + ".%I REPLICA IDENTITY FULL', 't' || lpad(t::text, 4, '0')); END IF;"
                    + " END LOOP; END $$");
        }
        System.out.printf("created 5000 tables in 20 schemas in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        CheckOptions o = CheckOptions.of(schemas, Plugin.PGOUTPUT);
        CheckRunner runner = new CheckRunner(s.profile(db), s.superuserSecrets());
        for (int round = 1; round <= 5; round++) {
            long a = System.nanoTime();
            CheckReport r = runner.run(o, Progress.NONE);
            long b = System.nanoTime();
            CheckReport q = runner.run(o.withProve(false), Progress.NONE);
            long c = System.nanoTime();
            System.out.printf("round %d: check of %d tables, %d findings: %.0f ms (without the slot/replication proofs: %.0f ms, %d findings)%n",
                    round, r.tables().size(), r.findings().size(), (b - a) / 1e6, (c - b) / 1e6, q.findings().size());
        }
        s.sql("postgres", "DROP DATABASE " + db);
    }
}
