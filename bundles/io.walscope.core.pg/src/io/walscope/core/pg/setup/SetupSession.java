package io.walscope.core.pg.setup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.util.PasswordUtil;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.pg.check.ApplyReport;
import io.walscope.core.pg.check.CheckRunner;
import io.walscope.core.pg.check.FixApplier;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.setup.SetupSql;

/**
 * The operations of the guided setup over one connection profile (the role that prepares the server): check, apply
 * chosen fixes atomically ({@link FixApplier}) and check again, read what the pages show, and make the CDC user's
 * fix. Each opens its own connection and closes it; callers run them off the display thread with a
 * {@link Progress}. The setup wizard holds no SQL: it is all here and in {@code io.walscope.core.setup.SetupSql}.
 */
public final class SetupSession {
    private final ConnectionProfile profile;
    private final Secrets secrets;
    private final PgConnector connector;

    public SetupSession(ConnectionProfile profile, Secrets secrets) {
        this(profile, secrets, new PgConnector());
    }

    public SetupSession(ConnectionProfile profile, Secrets secrets, PgConnector connector) {
        this.profile = profile;
        this.secrets = secrets;
        this.connector = connector;
    }

    public ConnectionProfile profile() {
        return profile;
    }

    public Secrets secrets() {
        return secrets;
    }

    /** Runs every check. */
    public CheckReport check(CheckOptions o, Progress p) throws WalscopeException {
        return new CheckRunner(profile, secrets, connector).run(o, p);
    }

    /** The result of an apply: what each statement did, and the checks run again afterwards. */
    public record Applied(ApplyReport report, CheckReport after) {
    }

    /**
     * Applies the fixes of {@code chosen} (transactional ones in one transaction, all or nothing; ALTER SYSTEM and
     * reloads after it), then checks again with {@code o}.
     */
    public Applied apply(List<Finding> chosen, CheckOptions o, Progress p) throws WalscopeException {
        try (Connection c = connector.connect(profile, secrets)) {
            ApplyReport ar = FixApplier.apply(c, chosen, ServerInfo.read(c).superuser(), p);
            CheckReport after = new CheckRunner(profile, secrets, connector).run(c, o, p);
            return new Applied(ar, after);
        } catch (SQLException e) {
            throw new WalscopeException("Could not close the connection: " + PgErrors.explainSql(e), e);
        }
    }

    /** Reads what the pages show besides findings. */
    public SetupFacts facts(List<String> schemas, String cdcUser, Progress p) throws WalscopeException {
        p.subTask("reading the server's setup");
        try (Connection c = connector.connect(profile, secrets)) {
            return new SetupReader(c).read(schemas, cdcUser);
        } catch (SQLException e) {
            throw new WalscopeException("Could not close the connection: " + PgErrors.explainSql(e), e);
        }
    }

    /**
     * The fix that creates the CDC user with {@code password}, sent as the verifier the server's
     * {@code password_encryption} asks for (SCRAM-SHA-256, or md5): the clear text stays on this machine, out of the
     * statement, the server's log and any script. Computed here, no round trip.
     *
     * @param passwordEncryption {@link SetupFacts#passwordEncryption()}
     * @param runnerIsSuperuser  whether the role that applies it is a superuser
     */
    public static Finding cdcUser(String user, List<String> schemas, char[] password, String passwordEncryption,
            boolean runnerIsSuperuser) throws WalscopeException {
        try {
            // pgjdbc zeroes the array it is given: hand it a copy, the caller keeps the password
            String verifier = PasswordUtil.encodePassword(user, password.clone(),
                    "scram-sha-256".equals(passwordEncryption) ? "scram-sha-256" : "md5");
            return SetupSql.cdcUser(user, schemas, verifier, runnerIsSuperuser);
        } catch (SQLException e) {
            throw new WalscopeException("Could not encode the CDC user's password: " + PgErrors.explainSql(e), e);
        }
    }

    /** The profile of the same server for another role (the CDC user). */
    public static ConnectionProfile as(ConnectionProfile p, String name, String user) {
        return p.copy().setName(name).setUser(user).setDemo(false);
    }
}
