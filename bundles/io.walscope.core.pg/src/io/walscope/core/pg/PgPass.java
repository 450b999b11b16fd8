package io.walscope.core.pg;

import java.util.Map;
import java.util.function.Consumer;

import org.postgresql.jdbcurlresolver.PgPassParser;

import io.walscope.core.conn.PasswordFile;
import io.walscope.core.profile.ConnectionProfile;

/**
 * The password libpq's password file holds for a connection: the file found and checked as libpq does
 * ({@link PasswordFile}: {@code passfile}, {@code PGPASSFILE}, {@code ~/.pgpass}, not readable by group or others),
 * the matching line found by pgjdbc's own parser ({@code PgPassParser}: {@code host:port:database:user:password},
 * {@code *} wildcards, {@code \:} and {@code \\} escapes, first match wins).
 * <p>
 * pgjdbc also reads a password file by itself when no password is given, but from its JVM's environment and
 * without libpq's permission check; {@link PgConnector} points it at nothing so that this is the only reading.
 */
public final class PgPass {
    /** pgjdbc's system property naming the password file (its first choice). */
    static final String PROPERTY = "org.postgresql.pgpassfile";
    /** Where pgjdbc looks when Walscope does not ask it: a file that does not exist. */
    static final String NOWHERE = "/nonexistent/walscope-reads-the-password-file-itself";

    private PgPass() {
    }

    /** Stops pgjdbc from reading a password file on its own (called before every connection). */
    static synchronized void quietDriver() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, NOWHERE);
        }
    }

    /**
     * The password for {@code p} from the password file, or null.
     *
     * @param passfile libpq's {@code passfile} parameter, or null
     * @param warnings told libpq's warning when a file exists but is ignored
     */
    public static synchronized char[] lookup(ConnectionProfile p, String passfile, Map<String, String> env,
            Consumer<String> warnings) {
        PasswordFile f = PasswordFile.locate(passfile, env);
        if (f.warning() != null) {
            warnings.accept(f.warning());
        }
        if (f.path() == null) {
            return null;
        }
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, f.path().toString());
        try {
            String pw = PgPassParser.getPassword(p.getHost(), String.valueOf(p.getPort()), p.getDatabase(), p.getUser());
            return pw == null || pw.isEmpty() ? null : pw.toCharArray();
        } finally {
            System.setProperty(PROPERTY, before == null ? NOWHERE : before);
        }
    }
}
