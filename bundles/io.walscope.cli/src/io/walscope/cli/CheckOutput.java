package io.walscope.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Status;
import io.walscope.core.profile.Plugin;

/** Shared by {@code check} and {@code apply}: the options that say what to check, and how findings print. */
final class CheckOutput {
    /** Above this many ok findings of one check, the readable table prints a count instead of each. */
    private static final int OK_DETAIL = 3;

    private CheckOutput() {
    }

    /** Reads {@code --schema S}... and {@code --plugin P}; defaults come from the connection's profile. */
    static CheckOptions options(Args a, Cli.Target t) throws UsageException {
        List<String> schemas = a.options("--schema");
        String plugin = a.option("--plugin", null);
        Plugin p;
        try {
            p = plugin == null ? t.profile().getPlugin() : Plugin.parse(plugin);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (p == Plugin.WALMINER) {
            throw new UsageException("--plugin takes pgoutput, wal2json, decoderbufs or test_decoding: walminer cannot be tailed.");
        }
        if (schemas.isEmpty()) {
            schemas = t.profile().getSchemas().isEmpty() ? List.of("public") : t.profile().getSchemas();
        }
        return CheckOptions.of(schemas, p);
    }

    static String json(CheckReport r) throws JsonProcessingException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = m.createObjectNode();
        ObjectNode server = o.putObject("server");
        server.put("version", r.serverVersion());
        server.put("version_num", r.serverVersionNum());
        ArrayNode fs = o.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = fs.addObject();
            n.put("id", f.id());
            n.put("status", f.status().id());
            n.put("subject", f.subject());
            n.put("message", f.message());
            if (f.fix() != null) {
                ObjectNode fix = n.putObject("fix");
                ArrayNode sql = fix.putArray("sql");
                f.fix().sql().forEach(sql::add);
                fix.put("needs_restart", f.fix().needsRestart());
                fix.put("needs_superuser", f.fix().needsSuperuser());
                if (f.fix().onPrimary()) {
                    // a standby was checked: the sql runs on its primary, "then" back on the standby
                    fix.put("runs_on", "primary");
                    fix.put("primary", f.fix().primary().isEmpty() ? null : f.fix().primary());
                    ArrayNode then = fix.putArray("then");
                    f.fix().then().forEach(then::add);
                }
                if (f.fix().replication()) {
                    fix.put("replication", true);
                }
            }
        }
        return m.writeValueAsString(o);
    }

    /** The readable table: every finding that is not ok, and the ok ones (counted when there are many). */
    static void table(CheckReport r, PrintStream out) {
        out.printf("%-6s %-28s %-32s %s%n", "STATUS", "CHECK", "SUBJECT", "MESSAGE");
        Map<String, List<Finding>> oks = new LinkedHashMap<>();
        for (Finding f : r.findings()) {
            if (f.status() == Status.OK) {
                oks.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f);
            }
        }
        String lastId = null;
        for (Finding f : r.findings()) {
            if (f.status() == Status.OK) {
                List<Finding> same = oks.get(f.id());
                if (same.size() > OK_DETAIL) {
                    if (!f.id().equals(lastId)) {
                        out.printf("%-6s %-28s %-32s %s%n", "ok", f.id(), "(" + same.size() + " subjects)", "all ok");
                    }
                    lastId = f.id();
                    continue;
                }
            }
            lastId = f.id();
            out.printf("%-6s %-28s %-32s %s%n", f.status().id(), f.id(), f.subject(), f.message());
            if (f.fix() != null) {
                String flags = (f.fix().needsRestart() ? " [needs restart]" : "") + (f.fix().needsSuperuser() ? " [needs superuser]" : "")
                        + (f.fix().explicitOnly() ? " [only when chosen]" : "")
                        + (f.fix().replication() ? " [replication connection]" : "");
                String label = f.fix().onPrimary() ? "on " + f.fix().primaryName() + ":" : "fix:";
                for (String s : f.fix().sql()) {
                    out.printf("%-6s %-28s   %s %s;%s%n", "", "", label, oneLine(s), flags);
                    flags = "";
                }
                for (String s : f.fix().then()) {
                    out.printf("%-6s %-28s   then here: %s;%n", "", "", oneLine(s));
                }
            }
        }
        out.println(summary(r));
    }

    static String summary(CheckReport r) {
        int[] n = new int[Status.values().length];
        r.findings().forEach(f -> n[f.status().ordinal()]++);
        return n[Status.FAIL.ordinal()] + " fail, " + n[Status.WARN.ordinal()] + " warn, " + n[Status.INFO.ordinal()]
                + " info, " + n[Status.OK.ordinal()] + " ok (PostgreSQL " + r.serverVersion() + ").";
    }

    static String oneLine(String sql) {
        return sql.replaceAll("\\s*\n\\s*", " ");
    }
}
