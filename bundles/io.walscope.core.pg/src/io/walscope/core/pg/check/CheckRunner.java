package io.walscope.core.pg.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.CheckId;
import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.FailoverRules;
import io.walscope.core.check.ClickHouseToastRules;
import io.walscope.core.check.GeneratedColumnRules;
import io.walscope.core.check.Hba;
import io.walscope.core.check.ManagedFacts;
import io.walscope.core.check.ManagedRules;
import io.walscope.core.check.PluginRules;
import io.walscope.core.check.Progress;
import io.walscope.core.check.PublicationFacts;
import io.walscope.core.check.PublicationRules;
import io.walscope.core.check.ReplicationFacts;
import io.walscope.core.check.RoleFacts;
import io.walscope.core.check.SchemaFacts;
import io.walscope.core.check.ServerFacts;
import io.walscope.core.check.ServerRules;
import io.walscope.core.check.SlotHealthChecks;
import io.walscope.core.check.SlotHealthRules;
import io.walscope.core.check.SlotInfo;
import io.walscope.core.check.SlotRules;
import io.walscope.core.check.SlotSample;
import io.walscope.core.check.SlotHa;
import io.walscope.core.check.SlotInfo;
import io.walscope.core.check.SlotRules;
import io.walscope.core.check.StandbyInfo;
import io.walscope.core.check.StandbyRules;
import io.walscope.core.check.Status;
import io.walscope.core.check.TableFacts;
import io.walscope.core.check.TableRules;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.PgConnector;
import io.walscope.core.pg.PgErrors;
import io.walscope.core.pg.PluginProbe;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.profile.ConnectionProfile;

/**
 * Runs every check of the Preparation assistant against one database: reads the facts with
 * {@link CatalogReader} (a handful of set-based queries), judges them with the pure rules of
 * {@code io.walscope.core.check}, and proves what only an attempt proves: the plugin (a temporary slot) and
 * pg_hba.conf (a replication connection running IDENTIFY_SYSTEM).
 */
public final class CheckRunner {
    /** The shortest window over which the checks measure the slots' movement and the WAL rate. */
    static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    private final ConnectionProfile profile;
    private final Secrets secrets;
    private final PgConnector connector;

    public CheckRunner(ConnectionProfile profile, Secrets secrets) {
        this(profile, secrets, new PgConnector());
    }

    public CheckRunner(ConnectionProfile profile, Secrets secrets, PgConnector connector) {
        this.profile = profile;
        this.secrets = secrets;
        this.connector = connector;
    }

    /** Connects, checks, disconnects. */
    public CheckReport run(CheckOptions o, Progress progress) throws WalscopeException {
        try (Connection c = connector.connect(profile, secrets)) {
            return run(c, o, progress);
        } catch (SQLException e) {
            throw new WalscopeException("Could not close the connection: " + PgErrors.explainSql(e), e);
        }
    }

    /** Checks over an open connection (autocommit; left as found). */
    public CheckReport run(Connection c, CheckOptions o, Progress progress) throws WalscopeException {
        progress.begin("Checking " + profile.describe(), 8);
        try {
            CatalogReader r = new CatalogReader(c);
            SlotHealthReader health = new SlotHealthReader(c);
            SlotSample first = health.sample(); // the slot-health window spans the check (at least 1 s)
            step(progress, "server settings");
            ServerFacts server = r.server();
            RoleFacts role = r.role();
            step(progress, "schemas and tables");
            List<SchemaFacts> schemas = r.schemas(o.schemas());
            List<TableFacts> tables = r.tables(o.schemas(), server.versionNum());
            step(progress, "publications");
            Map<String, PublicationFacts> pubs = r.publications(server.versionNum());
            step(progress, "replication slots");
            List<SlotInfo> slots = r.slots(server.versionNum());
            ReplicationReader rr = new ReplicationReader(c);
            ReplicationFacts repl = rr.replication(server.versionNum());
            List<StandbyInfo> standbys = rr.standbys(server.versionNum());
            List<SlotHa> ha = rr.slots(server.versionNum());
            ManagedFacts managed = rr.managed();

            List<Finding> f = new ArrayList<>();
            boolean roots = tables.stream().anyMatch(TableFacts::isPartitionedRoot);
            f.addAll(StandbyRules.judge(repl, standbys, server.version(), server.database()));
            f.add(ManagedRules.judge(managed));
            f.addAll(ServerRules.judge(server, role, o.plugin(), roots));
            f.addAll(TableRules.judge(schemas, tables, role, o.plugin(), server.versionNum()));
            f.addAll(GeneratedColumnRules.judge(tables, pubs, o.plugin(), server.versionNum()));
            f.addAll(ClickHouseToastRules.judge(tables));
            if (o.usesPublications() && server.versionNum() >= 100000) {
                f.addAll(PublicationRules.judge(tables, pubs, role, o, server.versionNum(), server.database()));
            }
            step(progress, "plugin " + o.plugin().id());
            PluginProbe.Result probed = probe(c, o);
            f.add(probed == null ? PluginRules.allowed(server, o.plugin())
                    : PluginRules.provenWhileHidden(server, o.plugin(),
                            probed.availability() == PluginProbe.Availability.AVAILABLE,
                            probed.availability() == PluginProbe.Availability.NOT_ALLOWED));
            f.add(plugin(o, probed, server.versionNum()));
            step(progress, "replication connection");
            f.add(hba(r, server, role, o));
            f.addAll(SlotRules.judge(slots, o.walWarnBytes()));
            f.addAll(slotHealth(health, first, server, o));
            f.addAll(FailoverRules.judge(repl, standbys, ha, server.version()));
            f = new ArrayList<>(StandbyRules.relocate(ManagedRules.adjust(f, managed), repl));
            step(progress, "done");
            f.sort(Comparator.comparingInt(x -> CheckId.ALL.indexOf(x.id())));
            return new CheckReport(server.version(), server.versionNum(), f, tables, slots);
        } catch (SQLException e) {
            throw new WalscopeException("Could not read the catalog of " + profile.describe() + ": " + PgErrors.explainSql(e), e);
        }
    }

    /**
     * The slot-health checks over the window from {@code first} to now, waiting until it is 1 s long when the server
     * has slots to watch. Without slots there is nothing to watch: the check does not wait, and the WAL rate counts as
     * not measured (NaN) rather than as the rate of the check's own fraction of a second.
     */
    private static List<Finding> slotHealth(SlotHealthReader r, SlotSample first, ServerFacts server, CheckOptions o)
            throws SQLException, WalscopeException {
        boolean watch = !first.slots().isEmpty();
        long wait = MIN_WINDOW.toNanos() - (System.nanoTime() - first.nanos());
        if (watch && wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WalscopeException("The check was interrupted.", e);
            }
        }
        SlotSample second = r.sample();
        return SlotHealthChecks.judge(SlotHealthRules.assess(first, second, SlotHealthRules.OLD_AFTER), second,
                watch ? SlotHealthRules.walRate(first, second) : Double.NaN, server.database(), o.walWarnBytes());
    }

    private static void step(Progress p, String what) throws WalscopeException {
        if (p.isCanceled()) {
            throw new WalscopeException("The check was cancelled.");
        }
        p.subTask(what);
        p.worked(1);
    }

    /** Tries the plugin with a slot; null when proofs are off. */
    private static PluginProbe.Result probe(Connection c, CheckOptions o) throws SQLException, WalscopeException {
        if (!o.prove()) {
            return null;
        }
        ServerInfo info = ServerInfo.read(c);
        // creating a slot waits for running transactions: bound it rather than hang the check
        try (Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '15s'");
        }
        try {
            return PluginProbe.probe(c, info, o.plugin());
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("RESET statement_timeout");
            }
        }
    }

    private static Finding plugin(CheckOptions o, PluginProbe.Result res, int versionNum) {
        String subject = o.plugin().id();
        if (res == null) {
            return new Finding(CheckId.PLUGIN_AVAILABLE, Status.INFO, subject, "Not tested (proofs are off).", null);
        }
        String how = versionNum >= 100000 ? "creating and dropping a temporary slot" : "creating and dropping a slot";
        return switch (res.availability()) {
            case AVAILABLE -> Finding.ok(CheckId.PLUGIN_AVAILABLE, subject, subject + " works: proven by " + how + ".");
            case MISSING -> new Finding(CheckId.PLUGIN_AVAILABLE, Status.FAIL, subject, subject
                    + " is not installed on the server (" + res.detail() + "): install it or choose another plugin.", null);
            case TOO_OLD -> new Finding(CheckId.PLUGIN_AVAILABLE, Status.FAIL, subject, res.detail() + ".", null);
            case NOT_FOR_TAILING -> new Finding(CheckId.PLUGIN_AVAILABLE, Status.FAIL, subject, res.detail() + ".", null);
            case WAITS_FOR_PRIMARY, NOT_ON_STANDBY -> new Finding(CheckId.PLUGIN_AVAILABLE, Status.WARN, subject,
                    "Not proven on this standby: " + res.detail() + ".", null);
            case NOT_ALLOWED -> new Finding(CheckId.PLUGIN_AVAILABLE, Status.WARN, subject, "Not proven: the server"
                    + " refuses " + subject + " because output_plugin_libraries does not list it (see "
                    + CheckId.PLUGIN_ALLOWED + ").", null);
            default -> new Finding(CheckId.PLUGIN_AVAILABLE, Status.WARN, subject, "Not proven: "
                    + res.availability().label() + (res.detail().isEmpty() ? "" : " (" + res.detail() + ")") + ".", null);
        };
    }

    private Finding hba(CatalogReader r, ServerFacts server, RoleFacts role, CheckOptions o) throws SQLException {
        String subject = role.name();
        if (!o.prove()) {
            return new Finding(CheckId.HBA_REPLICATION, Status.INFO, subject, "Not tested (proofs are off).", null);
        }
        String[] am = r.clientAddressAndMethod(server.versionNum());
        String line = Hba.line(server.versionNum(), server.database(), role.name(), am[0], am[1]);
        String keyword = server.versionNum() < 100000
                ? " (up to 9.6 logical decoding connections match the 'replication' keyword)"
                : " (from PostgreSQL 10 a logical replication connection matches the entries for its database, not the 'replication' keyword)";
        try (Connection rc = connector.connectReplication(profile, secrets); Statement st = rc.createStatement()) {
            st.execute("IDENTIFY_SYSTEM");
            return Finding.ok(CheckId.HBA_REPLICATION, subject, "A replication connection (replication=database) opened and answered IDENTIFY_SYSTEM: pg_hba.conf allows it.");
        } catch (WalscopeException | SQLException e) {
            Throwable cause = e instanceof WalscopeException && e.getCause() != null ? e.getCause() : e;
            String state = cause instanceof SQLException se ? se.getSQLState() : null;
            String msg = cause instanceof SQLException se ? PgErrors.explainSql(se) : String.valueOf(e.getMessage());
            if (msg.contains("pg_hba.conf")) {
                return new Finding(CheckId.HBA_REPLICATION, Status.FAIL, subject, "pg_hba.conf refuses a replication connection ("
                        + msg + "). Add this line before the others and reload: " + line + keyword + ".", null);
            }
            if ("42501".equals(state) || msg.contains("must be superuser or replication role")) {
                return new Finding(CheckId.HBA_REPLICATION, Status.WARN, subject, "Not proven: the server refuses "
                        + role.name() + " a replication connection because it lacks REPLICATION (see role.replication).", null);
            }
            if ("53300".equals(state) || msg.contains("max_wal_senders")) {
                return new Finding(CheckId.HBA_REPLICATION, Status.WARN, subject, "Not proven: " + msg
                        + " (see server.max_wal_senders).", null);
            }
            return new Finding(CheckId.HBA_REPLICATION, Status.FAIL, subject, "A replication connection failed: " + msg
                    + ". If pg_hba.conf is the cause, this line allows it: " + line + keyword + ".", null);
        }
    }
}
