package io.walscope.core.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The generators for what a DBA would otherwise type by hand: a CDC user, and the last-update support for
 * timestamp-based incremental sync. Every script is idempotent (it can run twice) and is shown before it runs.
 */
public final class Scripts {
    /** The trigger function of the last-update support, created in each chosen schema. */
    public static final String LAST_UPDATE_FUNCTION = "update_lastmodified_column";
    public static final String LAST_UPDATE_COLUMN = "last_update";
    public static final String LAST_UPDATE_TRIGGER = "walscope_last_update";

    private static final String RELOAD = "SELECT pg_reload_conf()";

    private Scripts() {
    }

    /**
     * A login role for CDC with REPLICATION, USAGE and SELECT on the schemas (today's tables and, through
     * default privileges, tables the running role creates later). No password: set it with psql's
     * {@code \password}, which keeps it out of files and logs.
     */
    public static List<String> cdcUser(String user, List<String> schemas) {
        List<String> out = new ArrayList<>();
        String body = "BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = " + Sql.literal(user)
                + ") THEN\n    CREATE ROLE " + Sql.ident(user) + " WITH LOGIN REPLICATION;\n  END IF;\nEND";
        out.add("DO " + dollar(body));
        out.add("ALTER ROLE " + Sql.ident(user) + " WITH LOGIN REPLICATION");
        for (String s : new LinkedHashSet<>(schemas)) {
            out.add("GRANT USAGE ON SCHEMA " + Sql.ident(s) + " TO " + Sql.ident(user));
            out.add("GRANT SELECT ON ALL TABLES IN SCHEMA " + Sql.ident(s) + " TO " + Sql.ident(user));
            out.add("ALTER DEFAULT PRIVILEGES IN SCHEMA " + Sql.ident(s) + " GRANT SELECT ON TABLES TO " + Sql.ident(user));
        }
        return out;
    }

    /**
     * The last-update support: the function {@code update_lastmodified_column()} in the schema, and per table a
     * {@code last_update timestamptz} column and a {@code BEFORE UPDATE} trigger that sets it. With no tables
     * named, every table of the schema (partitions get the trigger; the column is added on their root).
     */
    public static List<String> lastUpdate(String schema, List<String> tables) {
        List<String> out = new ArrayList<>();
        String fn = Sql.qualified(schema, LAST_UPDATE_FUNCTION);
        out.add("CREATE OR REPLACE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS "
                + dollar("BEGIN\n  NEW." + LAST_UPDATE_COLUMN + " = now();\n  RETURN NEW;\nEND"));
        if (tables.isEmpty()) {
            String lit = Sql.literal(schema);
            String body = "DECLARE\n  t record;\nBEGIN\n"
                    + "  FOR t IN SELECT c.relname, c.relkind,\n"
                    + "      EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p ON p.oid = i.inhparent\n"
                    + "              WHERE i.inhrelid = c.oid AND p.relkind = 'p') AS is_partition\n"
                    + "    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
                    + "    WHERE n.nspname = " + lit + " AND c.relkind IN ('r', 'p') ORDER BY c.relname\n"
                    + "  LOOP\n"
                    + "    IF NOT t.is_partition THEN\n"
                    + "      EXECUTE format('ALTER TABLE %I.%I ADD COLUMN IF NOT EXISTS " + LAST_UPDATE_COLUMN
                    + " timestamptz NOT NULL DEFAULT now()', " + lit + ", t.relname);\n"
                    + "    END IF;\n"
                    + "    IF t.relkind = 'r' THEN\n"
                    + "      EXECUTE format('DROP TRIGGER IF EXISTS " + LAST_UPDATE_TRIGGER + " ON %I.%I', " + lit + ", t.relname);\n"
                    + "      EXECUTE format('CREATE TRIGGER " + LAST_UPDATE_TRIGGER
                    + " BEFORE UPDATE ON %I.%I FOR EACH ROW EXECUTE PROCEDURE %I." + LAST_UPDATE_FUNCTION + "()', "
                    + lit + ", t.relname, " + lit + ");\n"
                    + "    END IF;\n"
                    + "  END LOOP;\nEND";
            out.add("DO " + dollar(body));
            return out;
        }
        for (String t : new LinkedHashSet<>(tables)) {
            String q = Sql.qualified(schema, t);
            out.add("ALTER TABLE " + q + " ADD COLUMN IF NOT EXISTS " + LAST_UPDATE_COLUMN + " timestamptz NOT NULL DEFAULT now()");
            out.add("DROP TRIGGER IF EXISTS " + LAST_UPDATE_TRIGGER + " ON " + q);
            out.add("CREATE TRIGGER " + LAST_UPDATE_TRIGGER + " BEFORE UPDATE ON " + q
                    + " FOR EACH ROW EXECUTE PROCEDURE " + fn + "()");
        }
        return out;
    }

    /** Statements as a script: a header of comment lines, then each statement ended by a semicolon. */
    public static String render(List<String> header, List<String> statements) {
        StringBuilder b = new StringBuilder();
        for (String h : header) {
            for (String line : h.split("\n", -1)) {
                b.append("-- ").append(line).append('\n');
            }
        }
        if (!header.isEmpty()) {
            b.append('\n');
        }
        for (String s : statements) {
            b.append(s).append(";\n");
        }
        return b.toString();
    }

    /**
     * The script of chosen fixes, for "Export script": transactional statements in one transaction; statements that
     * must run on a standby's primary, and replication-protocol commands, in sections of their own.
     */
    public static String fixScript(String title, List<Finding> findings) {
        List<String> tx = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        List<String> replication = new ArrayList<>();
        StringBuilder primary = new StringBuilder();
        List<String> header = new ArrayList<>(List.of(title, "Generated by Walscope. Review before running."));
        boolean reload = false;
        for (Finding f : findings) {
            if (f.fix() == null) {
                continue;
            }
            if (f.fix().onPrimary()) {
                primary.append("\n-- ").append(f.id()).append(' ').append(f.subject()).append('\n')
                        .append(f.fix().script());
                continue;
            }
            for (String s : f.fix().sql()) {
                if (RELOAD.equals(s) && !f.fix().transactional()) {
                    reload = true; // once, after the last ALTER SYSTEM
                    continue;
                }
                List<String> target = f.fix().replication() ? replication : f.fix().transactional() ? tx : alone;
                if (!target.contains(s)) {
                    target.add(s);
                }
            }
            if (f.fix().needsRestart()) {
                header.add("A restart is needed after: " + f.id() + " " + f.subject());
            }
        }
        if (reload) {
            alone.add(RELOAD);
        }
        StringBuilder b = new StringBuilder(render(header, List.of()));
        if (!tx.isEmpty()) {
            b.append("BEGIN;\n").append(render(List.of(), tx)).append("COMMIT;\n");
        }
        if (!alone.isEmpty()) {
            b.append("\n-- These cannot run inside a transaction block (ALTER SYSTEM) or cannot be undone (dropping a slot):\n");
            b.append(render(List.of(), alone));
        }
        if (!replication.isEmpty()) {
            b.append("\n-- Replication-protocol commands: run them on a replication connection")
                    .append(" (psql \"dbname=DB replication=database\"):\n");
            b.append(render(List.of(), replication));
        }
        if (primary.length() > 0) {
            b.append("\n-- This server is a standby: these run on its primary, not here.\n").append(primary);
        }
        return b.toString();
    }

    /** {@code $tag$body$tag$} with a tag that does not occur in the body. */
    static String dollar(String body) {
        String tag = "$walscope$";
        int n = 0;
        while (body.contains(tag)) {
            tag = "$walscope" + (++n) + "$";
        }
        return tag + "\n" + body + "\n" + tag;
    }
}
