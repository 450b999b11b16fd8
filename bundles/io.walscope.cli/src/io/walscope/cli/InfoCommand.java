package io.walscope.cli;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.ReplicationFacts;
import io.walscope.core.check.StandbyInfo;
import io.walscope.core.check.StandbyRules;
import io.walscope.core.pg.check.ReplicationReader;
import io.walscope.core.pg.PluginProbe;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.profile.Plugin;
import io.walscope.secure.EquinoxSecretStore.MasterKey;

/** {@code walscope info [conn] [--json]}: what the server is and what the login role may do. */
final class InfoCommand implements Command {
    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "connect and show the server version, primary or standby (and its standbys), WAL settings, role attributes, plugins and SSL";
    }

    @Override
    public List<Opt> options() {
        return List.of(Opt.flag("--json", "print JSON (server_version, wal_level, plugins, ssl, ...)"));
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        Args a = new Args(args);
        boolean json = a.flag("--json");
        a.noneLeft();
        Cli.Target t = cli.target();
        try (Connection c = cli.connect(t)) {
            ServerInfo info = ServerInfo.read(c);
            ReplicationReader rr = new ReplicationReader(c);
            ReplicationFacts repl = rr.replication(info.versionNum());
            List<StandbyInfo> standbys = rr.standbys(info.versionNum());
            Map<Plugin, PluginProbe.Result> plugins = PluginProbe.probeAll(c, info);
            if (json) {
                ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ObjectNode o = m.createObjectNode();
                o.put("server_version", info.version());
                o.put("server_version_num", info.versionNum());
                o.put("wal_level", info.walLevel());
                o.put("max_replication_slots", info.maxReplicationSlots());
                o.put("max_wal_senders", info.maxWalSenders());
                o.put("user", info.currentUser());
                o.put("superuser", info.superuser());
                o.put("replication", info.replication());
                o.put("output_plugin_libraries", info.outputPluginLibraries());
                o.put("server_role", repl.inRecovery() ? "standby" : "primary");
                o.put("primary", repl.inRecovery() ? repl.primary() : null);
                ArrayNode sb = o.putArray("standbys");
                for (StandbyInfo x : standbys) {
                    ObjectNode n = sb.addObject();
                    n.put("name", x.name());
                    n.put("address", x.address());
                    n.put("state", x.state());
                    n.put("sync_state", x.syncState());
                    n.put("slot", x.slot());
                    n.put("lag_bytes", x.lagBytes());
                    n.put("lag_seconds", x.lagSeconds());
                }
                ObjectNode p = o.putObject("plugins");
                plugins.forEach((k, v) -> p.put(k.id(), v.availability().name().toLowerCase(java.util.Locale.ROOT)));
                ObjectNode ssl = o.putObject("ssl");
                ssl.put("in_use", info.ssl());
                ssl.put("version", info.sslVersion());
                ssl.put("cipher", info.sslCipher());
                ObjectNode sec = o.putObject("secrets");
                MasterKey mk = masterKey(cli);
                sec.put("master_key", mk == null ? "unavailable" : mk.where().name().toLowerCase(java.util.Locale.ROOT));
                sec.put("detail", mk == null ? null : mk.line());
                cli.out().println(m.writeValueAsString(o));
            } else {
                cli.out().printf("Server       PostgreSQL %s (server_version_num %d) at %s%n", info.version(),
                        info.versionNum(), t.profile().describe());
                cli.out().printf("Server role  %s%n", StandbyRules.describeRole(repl, standbys));
                cli.out().printf("wal_level    %s%s%n", info.walLevel(),
                        "logical".equals(info.walLevel()) ? "" : "  (logical decoding needs 'logical')");
                cli.out().printf("Slots        max_replication_slots %d, max_wal_senders %d%n", info.maxReplicationSlots(),
                        info.maxWalSenders());
                if (info.outputPluginLibraries() != null) {
                    cli.out().printf("Plugins OK   output_plugin_libraries = %s%n", info.outputPluginLibraries());
                }
                cli.out().printf("Role         %s: superuser %s, replication %s%n", info.currentUser(),
                        yes(info.superuser()), yes(info.replication()));
                cli.out().printf("SSL          %s%n", info.ssl() ? info.sslVersion() + ", " + info.sslCipher() : "not in use");
                MasterKey mk = masterKey(cli);
                cli.out().printf("Secrets      %s%n", mk == null ? "secure storage unavailable" : mk.line());
                cli.out().println("Plugins");
                plugins.forEach((k, v) -> cli.out().printf("  %-14s %s%n", k.id(), v.availability().label()));
                plugins.values().stream().filter(v -> v.availability() == PluginProbe.Availability.NOT_ALLOWED)
                        .findFirst().ifPresent(v -> cli.out().println(v.detail()));
            }
        }
        return OK;
    }

    /** Where the secure storage's master key is (keyring or 0600 file), or null when the storage cannot open. */
    private static MasterKey masterKey(Cli cli) {
        try {
            return cli.masterKey();
        } catch (WalscopeException e) {
            return null;
        }
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
