package io.walscope.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.ConnectionOptions;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.PgPass;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.secure.EquinoxSecretStore;
import io.walscope.core.profile.ProfileStore;
import io.walscope.core.profile.SecretStore;
import io.walscope.demo.DemoDatabase;

/**
 * What a command works with: output streams, the environment, and the connection the command line names
 * (flags, URL, libpq variables, a saved profile, or the demo server).
 */
public final class Cli implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private ConnectionOptions connection;
    private EquinoxSecretStore secretStore;
    private DemoDatabase demo;

    public Cli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    /** Takes the connection options out of {@code args}. */
    void takeConnectionOptions(List<String> args) throws UsageException {
        try {
            connection = ConnectionOptions.extract(args, env);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public ConnectionOptions connection() {
        return connection;
    }

    public SecretStore secrets() throws WalscopeException {
        if (PlainStart.plain()) {
            return PlainStart.savedSecrets();
        }
        if (secretStore == null) {
            secretStore = EquinoxSecretStore.open();
        }
        return secretStore;
    }

    /** Where the secure storage's master key is: the OS keyring or the 0600 file. */
    public EquinoxSecretStore.MasterKey masterKey() throws WalscopeException {
        if (PlainStart.plain()) {
            throw new PlainStart.NeedsPlatform("the master key");
        }
        secrets();
        return secretStore.masterKey();
    }

    public ProfileStore profiles() {
        return ProfileStore.standard();
    }

    /** The demo database of this user (not started). */
    public DemoDatabase demo() throws WalscopeException {
        if (PlainStart.plain()) {
            throw new PlainStart.NeedsPlatform("the demo database (its PostgreSQL build is an OSGi bundle)");
        }
        if (demo == null) {
            demo = new DemoDatabase(DemoDatabase.defaultHome(), secrets());
        }
        return demo;
    }

    /** A resolved connection: the profile and its secrets. */
    public record Target(ConnectionProfile profile, Secrets secrets) {
    }

    /**
     * Resolves where the command line says to connect. With {@code --demo} the running demo server is used,
     * or started for the duration of the command.
     */
    public Target target() throws WalscopeException, UsageException {
        ConnectionOptions o = connection;
        ConnectionProfile base = null;
        Secrets secrets = Secrets.NONE;
        if (o.demo()) {
            DemoDatabase d = demo();
            if (!d.attach()) {
                err.println("Starting the demo server for this command...");
                d.start(msg -> { });
            }
            base = d.profile();
            secrets = d.secretsForConnect();
        } else if (o.profileName() != null) {
            base = profiles().find(o.profileName()).orElseThrow(() -> new UsageException("No profile called \""
                    + o.profileName() + "\": list them with 'walscope profiles'."));
            secrets = new Secrets(secrets().get(base.getName(), SecretStore.Kind.PASSWORD),
                    secrets().get(base.getName(), SecretStore.Kind.KEY_PASSWORD));
        } else if (!o.saysWhere()) {
            throw new UsageException("Say where to connect: --host/--port/--dbname/--user, a postgresql:// URL,"
                    + " --profile NAME, --demo, or the PGHOST/PGDATABASE environment variables.");
        }
        ConnectionProfile p;
        try {
            p = o.resolve(base);
            String pw = o.password();
            if (pw != null) {
                secrets = secrets.withPassword(pw.toCharArray());
            }
            String kp = o.keyPassword();
            if (kp != null) {
                secrets = secrets.withKeyPassword(kp.toCharArray());
            }
            if (!secrets.hasPassword() && !o.demo()) {
                // libpq's password file (~/.pgpass, PGPASSFILE, passfile), as psql reads it
                char[] pgpass = PgPass.lookup(p, o.passfile(), env, w -> err.println("walscope: WARNING: " + w));
                if (pgpass != null) {
                    secrets = secrets.withPassword(pgpass);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Target(p, secrets);
    }

    /** Connects to the target, or fails with a sentence naming the cause. */
    public Connection connect(Target t) throws WalscopeException {
        try {
            return new PgConnector().connect(t.profile(), t.secrets());
        } catch (WalscopeException e) {
            if (!t.secrets().hasPassword() && PgErrors.isPasswordProblem(e)) {
                throw new WalscopeException(e.getMessage() + " No password was given: set PGPASSWORD"
                        + (t.profile().getName().isEmpty() || connection.profileName() == null
                                ? " or add it to ~/.pgpass"
                                : " or save it in profile \"" + t.profile().getName() + "\"")
                        + ".", e);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (demo != null) {
            demo.stop();
        }
    }
}
