package io.walscope.core.pg.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * The differential test ({@link Differential}), bounded for the normal suite: one fixed seed and one random seed
 * over every type family and plugin configuration, on Debian's PostgreSQL 15 (the server with all four plugins).
 * With {@code -Dwalscope.fuzz.seconds=N} (releng/fuzz) it runs random seeds for N seconds and writes the summary to
 * {@code walscope.fuzz.out}.
 */
class DifferentialTest {
    @AfterEach
    void dropSlots() {
        Slots2.dropAll();
    }

    @Test
    void everyPluginAgreesWithTheOthersAndWithSelect() throws Exception {
        PgTestBed.requirePlugins();
        TestServer s = PgTestBed.server("15");
        long seconds = Long.getLong("walscope.fuzz.seconds", 0);
        Differential.Result total = new Differential.Result();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long seed = 20261204L;
        int runs = 0;
        do {
            total.add(new Differential(s, seed).run(9, seconds > 0 ? 400 : 150));
            Slots2.dropAll();
            runs++;
            seed = System.nanoTime();
        } while (seconds > 0 ? System.nanoTime() < end : runs < 2);
        String summary = "runs: " + runs + "\n" + total.summary();
        System.out.println(summary);
        String out = System.getProperty("walscope.fuzz.out");
        if (out != null) {
            Files.writeString(Path.of(out), summary);
        }
        assertEquals(Map.of(), total.undocumented, summary);
    }
}
