package io.walscope.cli;

import java.util.List;

import io.walscope.core.check.Heartbeats;

/**
 * {@code walscope script heartbeat [--database D] [--interval SECONDS] [--table [S.]T [--publication P]]}: prints the
 * heartbeat job for the slots of a database that writes nothing (nothing runs). The database defaults to the
 * connection's ({@code --dbname}, {@code PGDATABASE}, a URL or a profile).
 */
final class HeartbeatScript {
    private HeartbeatScript() {
    }

    /** The heartbeat script's own options ({@code null} when not given). */
    record Options(String database, String interval, String publication) {
        boolean given() {
            return database != null || interval != null || publication != null;
        }
    }

    static Options options(Args a) throws UsageException {
        return new Options(a.option("--database", null), a.option("--interval", null), a.option("--publication", null));
    }

    static int run(Cli cli, List<String> words, List<String> schemas, List<String> tables, Options o) throws Exception {
        if (words.size() != 1 || tables.size() > 1 || schemas.size() > 1) {
            throw new UsageException("Use 'walscope script heartbeat [--database D] [--interval S] [--table [S.]T [--publication P]]'.");
        }
        String database = o.database();
        long seconds;
        try {
            seconds = o.interval() == null ? 10 : Long.parseLong(o.interval());
        } catch (NumberFormatException e) {
            throw new UsageException("--interval takes a whole number of seconds, not '" + o.interval() + "'.");
        }
        String table = tables.isEmpty() ? null : tables.get(0);
        String publication = o.publication();
        if (seconds < 1) {
            throw new UsageException("--interval takes a number of seconds (1 or more).");
        }
        if (publication != null && table == null) {
            throw new UsageException("--publication needs --table: messages are not published, rows of a table are.");
        }
        if (database == null && cli.connection().saysWhere() && !cli.connection().demo()) {
            database = cli.target().profile().getDatabase();
        }
        if (database == null || database.isBlank()) {
            throw new UsageException("Say which database the heartbeat is for: --database NAME (or --dbname, PGDATABASE).");
        }
        String schema = schemas.isEmpty() ? "public" : schemas.get(0);
        if (table != null) {
            int dot = table.indexOf('.');
            if (dot > 0 && schemas.isEmpty()) {
                schema = table.substring(0, dot);
                table = table.substring(dot + 1);
            }
            if (table.isBlank()) {
                throw new UsageException("--table takes TABLE or SCHEMA.TABLE.");
            }
        }
        cli.out().print(Heartbeats.script(database, (int) seconds, schema, table, publication));
        return Command.OK;
    }
}
