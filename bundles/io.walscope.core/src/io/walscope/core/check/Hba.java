package io.walscope.core.check;

/** The pg_hba.conf line a logical replication connection needs, for the server version at hand. */
public final class Hba {
    private Hba() {
    }

    /**
     * The line to add. Up to 9.6 logical decoding connections match the {@code replication} keyword; from
     * PostgreSQL 10 that keyword matches physical replication only and a logical replication connection is
     * matched by the ordinary entries for its database.
     *
     * @param clientAddr the client address the server sees ({@code inet_client_addr()}), {@code null} for a
     *                   Unix socket
     * @param method     {@code scram-sha-256} or {@code md5} (the server's {@code password_encryption})
     */
    public static String line(int versionNum, String database, String user, String clientAddr, String method) {
        String db = versionNum < 100000 ? "replication" : hbaName(database);
        if (clientAddr == null || clientAddr.isEmpty()) {
            return "local " + db + " " + hbaName(user) + " " + method;
        }
        String addr = clientAddr.contains("/") ? clientAddr : clientAddr + (clientAddr.contains(":") ? "/128" : "/32");
        return "host " + db + " " + hbaName(user) + " " + addr + " " + method;
    }

    /** What a DBA does with {@code line}, as comment lines for a script. */
    public static java.util.List<String> scriptNote(String line) {
        return java.util.List.of("pg_hba.conf: add this line before the others, then SELECT pg_reload_conf();", "  " + line);
    }

    /** pg_hba.conf quotes names with double quotes; keywords and odd characters need them. */
    static String hbaName(String n) {
        if (n.matches("[a-z_][a-z0-9_]*") && !n.equals("all") && !n.equals("replication") && !n.equals("sameuser")
                && !n.equals("samerole") && !n.equals("samegroup")) {
            return n;
        }
        return '"' + n.replace("\"", "\"\"") + '"';
    }
}
