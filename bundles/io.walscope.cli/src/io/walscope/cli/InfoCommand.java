package io.walscope.cli;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.walscope.core.pg.PluginProbe;
import io.walscope.core.pg.ServerInfo;
import io.walscope.core.profile.Plugin;

/** {@code walscope info [conn] [--json]}: what the server is and what the login role may do. */
final class InfoCommand implements Command {
    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "connect and show the server version, WAL settings, role attributes, plugins and SSL";
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        Args a = new Args(args);
        boolean json = a.flag("--json");
        a.noneLeft();
        Cli.Target t = cli.target();
        try (Connection c = cli.connect(t)) {
            ServerInfo info = ServerInfo.read(c);
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
                ObjectNode p = o.putObject("plugins");
                plugins.forEach((k, v) -> p.put(k.id(), v.availability().name().toLowerCase(java.util.Locale.ROOT)));
                ObjectNode ssl = o.putObject("ssl");
                ssl.put("in_use", info.ssl());
                ssl.put("version", info.sslVersion());
                ssl.put("cipher", info.sslCipher());
                cli.out().println(m.writeValueAsString(o));
            } else {
                cli.out().printf("Server       PostgreSQL %s (server_version_num %d) at %s%n", info.version(),
                        info.versionNum(), t.profile().describe());
                cli.out().printf("wal_level    %s%s%n", info.walLevel(),
                        "logical".equals(info.walLevel()) ? "" : "  (logical decoding needs 'logical')");
                cli.out().printf("Slots        max_replication_slots %d, max_wal_senders %d%n", info.maxReplicationSlots(),
                        info.maxWalSenders());
                cli.out().printf("Role         %s: superuser %s, replication %s%n", info.currentUser(),
                        yes(info.superuser()), yes(info.replication()));
                cli.out().printf("SSL          %s%n", info.ssl() ? info.sslVersion() + ", " + info.sslCipher() : "not in use");
                cli.out().println("Plugins");
                plugins.forEach((k, v) -> cli.out().printf("  %-14s %s%n", k.id(), v.availability().label()));
            }
        }
        return OK;
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
