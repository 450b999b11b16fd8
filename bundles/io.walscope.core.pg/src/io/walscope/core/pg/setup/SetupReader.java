package io.walscope.core.pg.setup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.Hba;
import io.walscope.core.check.Scripts;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.PluginProbe;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.check.CatalogReader;
import io.walscope.core.pg.setup.SetupFacts.PollTable;
import io.walscope.core.pg.setup.SetupFacts.SslState;

/** Reads {@link SetupFacts}: one query per kind, for all chosen schemas together. */
public final class SetupReader {
    private final Connection c;

    public SetupReader(Connection c) {
        this.c = c;
    }

    /**
     * @param cdcUser the role the pg_hba.conf line is for (the CDC user, or the login role)
     */
    public SetupFacts read(List<String> schemas, String cdcUser) throws WalscopeException {
        ServerInfo info = ServerInfo.read(c);
        try {
            String[] am = new CatalogReader(c).clientAddressAndMethod(info.versionNum());
            String line = Hba.line(info.versionNum(), c.getCatalog(), cdcUser, am[0], am[1]);
            return new SetupFacts(info, ssl(info), line, PluginProbe.probeAll(c, info), pollTables(schemas),
                    passwordEncryption(c));
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the server's setup: " + PgErrors.explainSql(e), e);
        }
    }

    /** {@code scram-sha-256} or {@code md5} (9.6's {@code on}, and {@code md5}). */
    static String passwordEncryption(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('password_encryption')")) {
            rs.next();
            return "scram-sha-256".equals(rs.getString(1)) ? "scram-sha-256" : "md5";
        }
    }

    SslState ssl(ServerInfo info) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('ssl'),"
                + " current_setting('ssl_cert_file'), current_setting('ssl_key_file'), current_setting('ssl_ca_file'),"
                + " (SELECT setting FROM pg_catalog.pg_settings WHERE name = 'data_directory')")) {
            rs.next();
            return new SslState("on".equals(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), info.ssl(), info.sslVersion(), info.sslCipher());
        }
    }

    /** Every table of the schemas: key, and the last-update column and trigger. */
    List<PollTable> pollTables(List<String> schemas) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, c.relkind = 'p',"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p ON p.oid = i.inhparent"
                + "   WHERE i.inhrelid = c.oid AND p.relkind = 'p'),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = ?"
                + "   AND NOT a.attisdropped),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = ?)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ANY(?::text[]) AND c.relkind IN ('r', 'p')"
                + " ORDER BY array_position(?::text[], n.nspname::text), c.relname";
        List<PollTable> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            java.sql.Array arr = c.createArrayOf("text", schemas.toArray());
            ps.setString(1, Scripts.LAST_UPDATE_COLUMN);
            ps.setString(2, Scripts.LAST_UPDATE_TRIGGER);
            ps.setArray(3, arr);
            ps.setArray(4, arr);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PollTable(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7)));
                }
            }
        }
        return out;
    }
}
