package io.walscope.debezium.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * Debezium 3.4.3 embedded and {@code walscope tail --format debezium} (the product's launcher) drain the same
 * changes of the test bed's PostgreSQL 15, each on a slot of its own created before the changes: a snapshot of the
 * type fixture and the other tables, then inserts, updates (key changes, unchanged TOAST values), deletes, a
 * truncate and logical messages. Every Walscope line must be Debezium's record as JsonConverter writes it (timing
 * fields aside), under Debezium's defaults, under string/isostring/string/base64 and with schemas off; then Kafka
 * Connect's JsonConverter reads Walscope's lines and ExtractNewRecordState flattens them to Debezium's records.
 */
class DebeziumPeerTest {
    private static final Path OUT = Path.of("target", "peer");

    /** One comparison: Debezium's settings and the walscope options that mean the same. */
    record Setting(String name, String prefix, Map<String, String> debezium, List<String> walscope, boolean schemas,
            boolean messages) {
    }

    static final List<Setting> SETTINGS = List.of(
            new Setting("default", "walscope", Map.of(), List.of(), true, false),
            new Setting("string", "other", Map.of("topic.prefix", "other", "decimal.handling.mode", "string",
                    "time.precision.mode", "isostring", "interval.handling.mode", "string", "binary.handling.mode",
                    "base64", "skipped.operations", "none"),
                    List.of("--topic-prefix", "other", "--decimal-handling", "string", "--time-precision", "isostring",
                            "--interval-handling", "string", "--binary-handling", "base64", "--skipped-operations",
                            "none", "--messages"), true, true),
            new Setting("double", "third", Map.of("topic.prefix", "third", "decimal.handling.mode", "double",
                    "time.precision.mode", "connect", "binary.handling.mode", "hex", "unavailable.value.placeholder",
                    "~unavailable~"),
                    List.of("--topic-prefix", "third", "--decimal-handling", "double", "--time-precision", "connect",
                            "--binary-handling", "hex", "--unavailable-value-placeholder", "~unavailable~"), true,
                    false),
            new Setting("urlsafe", "fourth", Map.of("topic.prefix", "fourth", "time.precision.mode",
                    "adaptive_time_microseconds", "binary.handling.mode", "base64-url-safe", "skipped.operations", "u"),
                    List.of("--topic-prefix", "fourth", "--time-precision", "adaptive_time_microseconds",
                            "--binary-handling", "base64-url-safe", "--skipped-operations", "u", "--messages"), true,
                    true),
            new Setting("nanos", "fifth", Map.of("topic.prefix", "fifth", "time.precision.mode", "nanoseconds",
                    "interval.handling.mode", "string"),
                    List.of("--topic-prefix", "fifth", "--time-precision", "nanoseconds", "--interval-handling",
                            "string"), true, false));

    @Test
    void sameLinesAsDebezium() throws Exception {
        TestServer server = PgTestBed.server(PgTestBed.PLUGINS_VERSION);
        String db = server.createDatabase("dbzpeer");
        PeerDatabase pdb = new PeerDatabase(server, db);
        pdb.create();
        // a run's outputs are of its own server: a file left by an earlier run (another server) would be refused as
        // walscope tail --output refuses any file it cannot continue
        if (Files.exists(OUT)) {
            try (var old = Files.walk(OUT)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(OUT);
        WalscopeCli walscope = new WalscopeCli(server, db);
        List<DebeziumPeer> peers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            // each peer snapshots on a slot of its own, all before the changes
            for (Setting s : SETTINGS) {
                DebeziumPeer p = new DebeziumPeer(server, db, "dbz_" + s.name, s.debezium);
                peers.add(p);
                p.await(r -> "last".equals(snapshot(r)), Duration.ofSeconds(120), "the snapshot's last record");
            }
            Map<String, Long> consistent = new java.util.HashMap<>();
            for (Setting s : SETTINGS) {
                snapshot(walscope, pdb, s.name, s.walscope);
                consistent.put(s.name, pdb.confirmed("w_" + s.name));
            }
            Setting off = SETTINGS.get(0);
            List<String> offArgs = new ArrayList<>(off.walscope);
            offArgs.addAll(List.of("--schemas", "false"));
            snapshot(walscope, pdb, "default-noschema", offArgs);
            consistent.put("default-noschema", pdb.confirmed("w_default_noschema"));

            pdb.changes();
            String end = pdb.currentLsn();
            for (int i = 0; i < SETTINGS.size(); i++) {
                Setting s = SETTINGS.get(i);
                List<SourceRecord> records = peers.get(i).await(r -> r.topic().equals(s.prefix + ".peer.marker"),
                        Duration.ofSeconds(120), "the marker row");
                if (!s.messages) {
                    records.removeIf(r -> r.topic().endsWith(".message"));
                }
                List<String> ws = stream(walscope, s.name, s.walscope, end);
                compare(s.name, lines(records, new Converters(true)), ws, failures);
                snapshotSource(s.name, ws, consistent.get(s.name), failures);
                consumers(s.name, records, ws, true, failures);
                if (i == 0) {
                    List<String> wn = stream(walscope, "default-noschema", offArgs, end);
                    compare("default-noschema", lines(records, new Converters(false)), wn, failures);
                    snapshotSource("default-noschema", wn, consistent.get("default-noschema"), failures);
                    consumers("default-noschema", records, wn, false, failures);
                }
            }
        } finally {
            for (DebeziumPeer p : peers) {
                p.close();
            }
        }
        Files.write(OUT.resolve("failures.txt"), failures, StandardCharsets.UTF_8);
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures.subList(0, Math.min(60, failures.size())))
                    + (failures.size() > 60 ? "\n... " + (failures.size() - 60) + " more" : ""));
        }
    }

    /** The snapshot into a new slot; the run ends where the slot's stream begins. */
    private static void snapshot(WalscopeCli w, PeerDatabase pdb, String name, List<String> options) throws Exception {
        String before = pdb.currentLsn();
        List<String> args = new ArrayList<>(List.of("tail", "--plugin", "pgoutput", "--slot", "w_" + name.replace('-', '_'),
                "--create-slot", "--snapshot", "--until-lsn", before, "--format", "debezium", "--with-key", "--output",
                OUT.resolve("walscope-" + name + ".snapshot.jsonl").toString()));
        args.addAll(options);
        WalscopeCli.Run r = w.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
    }

    /** The changes from where the snapshot run left the slot to {@code end}; with the snapshot's lines first. */
    private static List<String> stream(WalscopeCli w, String name, List<String> options, String end) throws Exception {
        Path out = OUT.resolve("walscope-" + name + ".stream.jsonl");
        List<String> args = new ArrayList<>(List.of("tail", "--plugin", "pgoutput", "--slot", "w_" + name.replace('-', '_'),
                "--until-lsn", end, "--format", "debezium", "--with-key", "--output", out.toString()));
        args.addAll(options);
        WalscopeCli.Run r = w.run(args.toArray(String[]::new));
        Files.writeString(OUT.resolve("walscope-" + name + ".stream.err"), String.join(" ", args) + "\n" + r.err());
        assertEquals(0, r.exit(), r.toString());
        List<String> all = new ArrayList<>(
                Files.readAllLines(OUT.resolve("walscope-" + name + ".snapshot.jsonl"), StandardCharsets.UTF_8));
        all.addAll(Files.readAllLines(out, StandardCharsets.UTF_8));
        Files.write(OUT.resolve("walscope-" + name + ".jsonl"), all, StandardCharsets.UTF_8);
        return all;
    }

    /**
     * JsonConverter reads every Walscope line (key and value) as Kafka Connect would; with schemas, the records it
     * makes flatten through ExtractNewRecordState (its defaults, and deletes rewritten with added fields) to the
     * records Debezium's flatten to.
     */
    private static void consumers(String name, List<SourceRecord> debezium, List<String> walscope, boolean schemas,
            List<String> failures) throws Exception {
        Converters c = new Converters(schemas);
        List<SourceRecord> read = new ArrayList<>();
        List<SourceRecord> dread = new ArrayList<>();
        for (int i = 0; i < walscope.size(); i++) {
            String topic = i < debezium.size() ? debezium.get(i).topic() : "unknown";
            try {
                read.add(ConnectRead.read(walscope.get(i), c, topic));
            } catch (RuntimeException e) {
                failures.add(name + " line " + (i + 1) + ": JsonConverter (schemas " + (schemas ? "on" : "off")
                        + ") cannot read it: " + e);
            }
        }
        if (!schemas || read.size() != debezium.size()) {
            return;
        }
        // a sink reads Debezium's topic the same way: compare what each side's lines become
        for (SourceRecord r : debezium) {
            dread.add(ConnectRead.read(c.line(r), c, r.topic()));
        }
        for (Map<String, String> config : List.of(Map.<String, String>of(), Map.of("delete.tombstone.handling.mode",
                "rewrite", "add.fields", "op,table,schema,db"))) {
            List<String> expected = ConnectRead.flatten(dread, ConnectRead.flattener(config));
            List<String> actual = ConnectRead.flatten(read, ConnectRead.flattener(config));
            for (int i = 0; i < expected.size(); i++) {
                List<String> d = expected.get(i).equals("dropped") || actual.get(i).equals("dropped")
                        ? (expected.get(i).equals(actual.get(i)) ? List.of() : List.of(expected.get(i) + " / " + actual.get(i)))
                        : Lines.diff(expected.get(i), actual.get(i), 5);
                for (String x : d) {
                    failures.add(name + " ExtractNewRecordState " + config + " line " + (i + 1) + " " + x);
                }
            }
        }
    }

    /**
     * The source fields the comparison sets aside in snapshot rows, checked on their own: each row's {@code lsn} is
     * the consistent point of walscope's slot (as Debezium's is its slot's), {@code sequence} is
     * {@code [null,"<lsn>"]}, and every row has the same {@code txId} and time (one snapshot transaction).
     */
    private static void snapshotSource(String name, List<String> lines, long slotStart, List<String> failures)
            throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Set<String> txIds = new java.util.HashSet<>();
        java.util.Set<String> times = new java.util.HashSet<>();
        for (String l : lines) {
            com.fasterxml.jackson.databind.JsonNode v = m.readTree(l).path("value");
            com.fasterxml.jackson.databind.JsonNode p = v.has("payload") ? v.path("payload") : v;
            if (!"r".equals(p.path("op").asText())) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode src = p.path("source");
            if (src.path("lsn").asLong() != slotStart
                    || !src.path("sequence").asText().equals("[null,\"" + slotStart + "\"]")) {
                failures.add(name + ": snapshot row at lsn " + src.path("lsn") + " sequence " + src.path("sequence")
                        + ", expected the slot's consistent point " + slotStart);
            }
            txIds.add(src.path("txId").asText());
            times.add(src.path("ts_us").asText());
        }
        if (txIds.size() != 1 || txIds.contains("null") || times.size() != 1) {
            failures.add(name + ": snapshot rows should share one txId and one time: " + txIds + " " + times);
        }
    }

    private static List<String> lines(List<SourceRecord> records, Converters c) {
        List<String> out = new ArrayList<>();
        for (SourceRecord r : records) {
            out.add(c.line(r));
        }
        return out;
    }

    private static void compare(String name, List<String> debezium, List<String> walscope, List<String> failures)
            throws Exception {
        Files.write(OUT.resolve("debezium-" + name + ".jsonl"), debezium, StandardCharsets.UTF_8);
        int n = Math.max(debezium.size(), walscope.size());
        int bad = 0;
        for (int i = 0; i < n && bad < 20; i++) {
            if (i >= debezium.size() || i >= walscope.size()) {
                failures.add(name + " line " + (i + 1) + ": " + (i >= debezium.size() ? "only walscope: "
                        + abbreviate(walscope.get(i)) : "only debezium: " + abbreviate(debezium.get(i))));
                bad++;
                continue;
            }
            List<String> d = Lines.diff(debezium.get(i), walscope.get(i), 12);
            if (!d.isEmpty()) {
                bad++;
                for (String x : d) {
                    failures.add(name + " line " + (i + 1) + " " + x);
                }
            }
        }
        if (debezium.size() != walscope.size()) {
            failures.add(name + ": debezium wrote " + debezium.size() + " lines, walscope " + walscope.size());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    private static String snapshot(SourceRecord r) {
        if (!(r.value() instanceof Struct v) || v.schema().field("source") == null) {
            return null;
        }
        return v.getStruct("source").getString("snapshot");
    }
}
