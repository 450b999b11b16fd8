package io.walscope.core.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which server and database a connection reaches, as an output file records its writer: the cluster's
 * {@code system_identifier} (the same on a physical standby, different on every other cluster) and the database.
 *
 * @param systemIdentifier {@code pg_control_system().system_identifier}, or null where it cannot be read
 * @param database {@code current_database()}
 */
public record ServerIdentity(String systemIdentifier, String database) {

    /** Reads both in one query; a server that hides {@code pg_control_system()} gives a null identifier. */
    public static ServerIdentity read(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT system_identifier::text, current_database()"
                        + " FROM pg_control_system()")) {
            rs.next();
            return new ServerIdentity(rs.getString(1), rs.getString(2));
        } catch (SQLException e) {
            // before 9.6, or a service that revoked the function: the database alone
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                return new ServerIdentity(null, rs.getString(1));
            }
        }
    }
}
