package io.walscope.core.pg.stream;

import java.util.ArrayList;
import java.util.List;

import io.walscope.testbed.TestServer;

/** The databases a test made: their slots are dropped afterwards, so shared servers show no stray slot. */
final class Slots2 {
    private static final List<Object[]> MADE = new ArrayList<>();

    private Slots2() {
    }

    static synchronized String track(TestServer s, String hint) {
        String db = s.createDatabase(hint);
        MADE.add(new Object[] {s, db});
        return db;
    }

    static synchronized void dropAll() {
        for (Object[] m : MADE) {
            TestServer s = (TestServer) m[0];
            for (int i = 0; i < 50; i++) {
                try {
                    s.sql((String) m[1], "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                            + " WHERE database = current_database() AND NOT active");
                    break;
                } catch (IllegalStateException e) {
                    // a slot still held by a connection that is closing
                }
            }
        }
        MADE.clear();
    }
}
