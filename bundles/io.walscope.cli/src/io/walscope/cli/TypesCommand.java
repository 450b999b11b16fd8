package io.walscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.walscope.core.pg.catalog.CatalogColumn;
import io.walscope.core.pg.catalog.CatalogReader;
import io.walscope.core.pg.catalog.CatalogTable;
import io.walscope.core.pg.catalog.ClickHouseDdl;
import io.walscope.core.pg.catalog.TableName;
import io.walscope.core.types.Status;
import io.walscope.core.types.TypeCatalog;
import io.walscope.core.types.TypeMapping;

/**
 * {@code walscope types [conn] [--schema S]... [--table T]... [--json]}: what each column becomes;
 * {@code walscope types --catalog [--json]}: the whole catalog, no connection;
 * {@code walscope types [conn] --ddl clickhouse --table T}: the ClickHouse table.
 * <p>
 * Schemas default to the profile's ({@code public} for a bare connection, {@code shop} for the demo). Exit 1 when
 * a listed column is lossy or unsupported (the findings this command exists to show), 0 when all are full, 2 for
 * an unknown schema or table.
 */
final class TypesCommand implements Command {
    @Override
    public String name() {
        return "types";
    }

    @Override
    public String summary() {
        return "show what each column becomes (canonical, JSON, ClickHouse); --catalog, --ddl clickhouse";
    }

    @Override
    public List<Opt> options() {
        return List.of(Opt.value("--schema", "S", "a schema (repeatable; default the profile's)"),
                Opt.value("--table", "T", "a table, T or S.T (repeatable)"),
                Opt.flag("--json", "print JSON: [{schema, table, column, pg_type, canonical, json, clickhouse, ...}]"),
                Opt.flag("--catalog", "the whole type catalog, no connection"),
                Opt.value("--ddl", "clickhouse", "print the ClickHouse CREATE TABLE of --table", "clickhouse"));
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        Args a = new Args(args);
        boolean json = a.flag("--json");
        boolean catalog = a.flag("--catalog");
        String ddl = a.option("--ddl", null);
        List<String> schemas = a.options("--schema");
        List<TableName> tables = new ArrayList<>();
        for (String t : a.options("--table")) {
            try {
                tables.add(TableName.parse(t));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        a.noneLeft();
        if (catalog) {
            if (ddl != null || !schemas.isEmpty() || !tables.isEmpty()) {
                throw new UsageException("--catalog needs no connection and takes only --json.");
            }
            printCatalog(cli.out(), json);
            return OK;
        }
        if (ddl != null && !ddl.equals("clickhouse")) {
            throw new UsageException("--ddl knows only 'clickhouse', not '" + ddl + "'.");
        }
        if (ddl != null && tables.isEmpty()) {
            throw new UsageException("--ddl clickhouse needs --table T.");
        }
        Cli.Target t = cli.target();
        if (schemas.isEmpty()) {
            schemas = t.profile().getSchemas().isEmpty() ? List.of("public") : t.profile().getSchemas();
        }
        List<CatalogTable> found;
        long t0 = System.nanoTime();
        long t1;
        try (Connection c = cli.connect(t)) {
            t1 = System.nanoTime();
            CatalogReader reader = new CatalogReader(c);
            found = reader.read(schemas, tables);
            List<String> missing = reader.missingSchemas(schemas);
            if (!missing.isEmpty()) {
                throw new UsageException("No schema " + String.join(", ", missing) + " in database "
                        + t.profile().getDatabase() + ".");
            }
        }
        for (TableName n : tables) {
            if (found.stream().noneMatch(n::matches)) {
                throw new UsageException("No table " + n + " in " + (n.schema() != null ? "schema " + n.schema()
                        : (schemas.size() == 1 ? "schema " : "schemas ") + String.join(", ", schemas)) + ".");
            }
        }
        if (ddl != null) {
            for (CatalogTable table : found) {
                cli.out().print(ClickHouseDdl.of(table));
            }
            return OK;
        }
        long t2 = System.nanoTime();
        if (json) {
            printJson(cli.out(), found);
        } else {
            printText(cli.out(), found);
        }
        if (cli.env().containsKey("WALSCOPE_TIMING")) {
            cli.err().printf("walscope types: connect %d ms, catalog %d ms, output %d ms%n", (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        }
        boolean findings = found.stream().anyMatch(x -> x.worstStatus() != Status.FULL);
        return findings ? FINDINGS : OK;
    }

    private static JsonGenerator generator(PrintStream out) throws IOException {
        return new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private static void printJson(PrintStream out, List<CatalogTable> tables) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartArray();
            for (CatalogTable t : tables) {
                for (CatalogColumn c : t.columns()) {
                    TypeMapping m = c.mapping();
                    g.writeStartObject();
                    g.writeStringField("schema", t.schema());
                    g.writeStringField("table", t.name());
                    g.writeStringField("column", c.name());
                    fields(g, m);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        }
        out.println();
    }

    private static void fields(JsonGenerator g, TypeMapping m) throws IOException {
        g.writeStringField("pg_type", m.pgType());
        g.writeStringField("canonical", m.canonical().toString());
        g.writeStringField("json", m.json());
        g.writeStringField("clickhouse", m.clickhouse());
        g.writeStringField("status", m.status().label());
        g.writeStringField("note", m.note());
    }

    private static void printText(PrintStream out, List<CatalogTable> tables) {
        int full = 0;
        int lossy = 0;
        int unsupported = 0;
        for (CatalogTable t : tables) {
            out.println(t.qualifiedName() + (t.primaryKey().isEmpty() ? "  (no primary key)" : ""));
            int w = 6;
            int wt = 7;
            int wc = 9;
            int wh = 10;
            for (CatalogColumn c : t.columns()) {
                w = Math.max(w, c.name().length());
                wt = Math.max(wt, c.pgType().length());
                wc = Math.max(wc, c.mapping().canonical().toString().length());
                wh = Math.max(wh, c.mapping().clickhouse().length());
            }
            String f = "  %-" + w + "s  %-" + wt + "s  %-" + wc + "s  %-" + wh + "s  %-11s  %s%n";
            out.printf(f, "COLUMN", "PG TYPE", "CANONICAL", "CLICKHOUSE", "STATUS", "NOTE");
            for (CatalogColumn c : t.columns()) {
                TypeMapping m = c.mapping();
                out.printf(f, c.name(), m.pgType(), m.canonical(), m.clickhouse(), m.status().label(),
                        m.status() == Status.FULL && !m.note().startsWith("domain over") ? "" : m.note());
                switch (m.status()) {
                case FULL -> full++;
                case LOSSY -> lossy++;
                default -> unsupported++;
                }
            }
            out.println();
        }
        out.printf("%d tables, %d columns: %d full, %d lossy, %d unsupported%n", tables.size(),
                full + lossy + unsupported, full, lossy, unsupported);
    }

    private static void printCatalog(PrintStream out, boolean json) throws IOException {
        List<TypeMapping> all = TypeCatalog.all();
        if (json) {
            try (JsonGenerator g = generator(out)) {
                g.writeStartArray();
                for (TypeMapping m : all) {
                    g.writeStartObject();
                    fields(g, m);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            out.println();
            return;
        }
        int wt = 7;
        int wc = 9;
        int wh = 10;
        for (TypeMapping m : all) {
            wt = Math.max(wt, m.pgType().length());
            wc = Math.max(wc, m.canonical().toString().length());
            wh = Math.max(wh, m.clickhouse().length());
        }
        String f = "%-" + wt + "s  %-" + wc + "s  %-" + wh + "s  %-11s  %s%n";
        out.printf(f, "PG TYPE", "CANONICAL", "CLICKHOUSE", "STATUS", "JSON / NOTE");
        for (TypeMapping m : all) {
            out.printf(f, m.pgType(), m.canonical(), m.clickhouse(), m.status().label(),
                    m.json() + (m.note().isEmpty() ? "" : " -- " + m.note()));
        }
    }
}
