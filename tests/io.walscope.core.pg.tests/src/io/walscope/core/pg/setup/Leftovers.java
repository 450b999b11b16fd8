package io.walscope.core.pg.setup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.walscope.testbed.TestServer;

/** What a test of the plugin may have left on a server: test tables, publications, slots (read as superuser). */
final class Leftovers {
    private Leftovers() {
    }

    static List<String> of(TestServer s, String db) {
        List<String> out = new ArrayList<>();
        try (Connection c = s.connect(db); Statement st = c.createStatement()) {
            add(out, st, "SELECT 'table ' || relname FROM pg_class WHERE relname LIKE 'walscope\\_verify\\_%'");
            if (!s.major().equals("9.6")) {
                add(out, st, "SELECT 'publication ' || pubname FROM pg_publication WHERE pubname LIKE 'walscope\\_verify\\_%'");
            }
            add(out, st, "SELECT 'slot ' || slot_name FROM pg_replication_slots WHERE slot_name LIKE 'walscope\\_%'"
                    + " AND database = current_database()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void add(List<String> out, Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
    }
}
