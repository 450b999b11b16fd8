package io.walscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The soak's verdict: rows of the walscope file against the database (ground truth) and against a pg_recvlogical
 * (test_decoding) reference of the same slot history. A row is {@code xid table tx n payload}; txlog rows carry
 * the transaction's row count as payload and n = 0.
 */
final class SoakCheck {
    /** One row as both files tell it. */
    record Row(long xid, String table, long tx, int n, String payload) {
    }

    long lost;
    long duplicated;
    long extra;
    long torn;
    long outOfOrder;
    long partial;
    long referenceMismatch;
    int fileRows;
    int referenceRows;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TD_ROW = Pattern.compile("^table public\\.(\\w+): INSERT: (.*)$");
    private static final Pattern TD_COL = Pattern.compile("(\\w+)\\[[^\\]]+\\]:('(?:[^']|'')*'|\\S+)");

    /** Reads walscope's JSON Lines; counts lines that do not parse (and a last line without newline) as torn. */
    List<Row> readWalscope(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        if (!lines[n - 1].isEmpty()) {
            torn++;
        }
        for (int i = 0; i < n - 1; i++) {
            JsonNode o;
            try {
                o = JSON.readTree(lines[i]);
            } catch (IOException e) {
                torn++;
                continue;
            }
            JsonNode after = o.path("after");
            String table = o.path("table").asText();
            long xid = o.path("xid").asLong();
            if (table.equals("txlog")) {
                rows.add(new Row(xid, table, after.path("tx").asLong(), 0, after.path("rows").asText()));
            } else {
                rows.add(new Row(xid, table, after.path("tx").asLong(), after.path("n").asInt(),
                        after.path("payload").asText()));
            }
        }
        fileRows = rows.size();
        return rows;
    }

    /** Reads pg_recvlogical's test_decoding output (include-xids). */
    List<Row> readReference(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        long xid = -1;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("BEGIN ")) {
                xid = Long.parseLong(line.substring(6).trim());
                continue;
            }
            Matcher m = TD_ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> cols = new HashMap<>();
            Matcher c = TD_COL.matcher(m.group(2));
            while (c.find()) {
                String v = c.group(2);
                cols.put(c.group(1), v.startsWith("'") ? v.substring(1, v.length() - 1).replace("''", "'") : v);
            }
            if (m.group(1).equals("txlog")) {
                rows.add(new Row(xid, "txlog", Long.parseLong(cols.get("tx")), 0, cols.get("rows")));
            } else {
                rows.add(new Row(xid, m.group(1), Long.parseLong(cols.get("tx")), Integer.parseInt(cols.get("n")),
                        cols.get("payload")));
            }
        }
        referenceRows = rows.size();
        return rows;
    }

    /**
     * @param truth every committed row as {@code table/tx/n}
     * @param txlog per committed transaction, its row count
     */
    void check(Set<String> truth, Map<Long, Integer> txlog, List<Row> rows, List<Row> reference) {
        Map<String, Integer> seen = new HashMap<>();
        Map<Long, Integer> perTx = new HashMap<>();
        Set<Long> finished = new HashSet<>();
        long last = 0;
        for (Row r : rows) {
            if (!r.table().equals("txlog")) {
                seen.merge(r.table() + "/" + r.tx() + "/" + r.n(), 1, Integer::sum);
                perTx.merge(r.tx(), 1, Integer::sum);
            }
            if (r.tx() != last) {
                if (r.tx() < last || finished.contains(r.tx())) {
                    outOfOrder++;
                }
                finished.add(last);
                last = r.tx();
            }
        }
        for (String k : truth) {
            if (!seen.containsKey(k)) {
                lost++;
            }
        }
        for (Map.Entry<String, Integer> e : seen.entrySet()) {
            duplicated += e.getValue() - 1;
            if (!truth.contains(e.getKey())) {
                extra++;
            }
        }
        for (Map.Entry<Long, Integer> e : txlog.entrySet()) {
            int got = perTx.getOrDefault(e.getKey(), 0);
            if (got != 0 && got != e.getValue()) {
                partial++;
            }
        }
        int common = Math.min(rows.size(), reference.size());
        for (int i = 0; i < common; i++) {
            if (!rows.get(i).equals(reference.get(i))) {
                referenceMismatch++;
            }
        }
        referenceMismatch += Math.abs(rows.size() - reference.size());
    }

    @Override
    public String toString() {
        return "file rows " + fileRows + ", reference rows " + referenceRows + "; lost " + lost + ", duplicated "
                + duplicated + ", torn " + torn + ", out of order " + outOfOrder + ", partial transactions " + partial
                + ", not committed but in the file " + extra + ", differences from the reference " + referenceMismatch;
    }
}
