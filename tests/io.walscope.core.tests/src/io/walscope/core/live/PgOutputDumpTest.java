package io.walscope.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.walscope.core.profile.Plugin;

/**
 * pgoutput's fields printed from bytes captured from PostgreSQL 15 ({@code pg_logical_slot_peek_binary_changes},
 * proto_version 1): a table {@code t(id int, name text, note text, n numeric)} with REPLICA IDENTITY FULL, a table
 * {@code d(id int primary key, name text)} with DEFAULT, and a TOASTed column left unchanged by an update. The
 * messages serve ReplayedEventTest too.
 */
class PgOutputDumpTest {
    static final String BEGIN = "4200000000015402d8000303f95528ae38000002d6";
    static final String RELATION_T = "52000040117075626c69630074006600040169640000000017ffffffff016e616d650000000019ffffffff016e6f74650000000019ffffffff016e00000006a4ffffffff";
    static final String INSERT_T = "49000040114e0004740000000131740000000566697273746e7400000004312e3530";
    static final String UPDATE_T_FULL = "55000040114f0004740000000131740000000566697273746e7400000004312e35304e0004740000000131740000000546495253546e7400000004312e3530";
    static final String UPDATE_D_DEFAULT = "55000040184e0002740000000137740000000179";
    static final String DELETE_D_KEY = "44000040184b00027400000001376e";
    static final String COMMIT = "430000000000015402d80000000001540308000303f95528ae38";
    static final String UPDATE_TOAST = "55000040224e000374000000013175740000000135";

    private static String dump(String hex, List<String> names) {
        return PgOutputDump.dump(HexFormat.of().parseHex(hex), names);
    }

    @Test
    void insertShowsRelationAndEachColumnsKindAndValue() {
        String d = dump(INSERT_T, List.of("id", "name", "note", "n"));
        assertEquals("""
                I  Insert
                relation_id 16401
                N  new tuple, 4 columns
                  1 id t 1
                  2 name t first
                  3 note n null
                  4 n t 1.50
                """, d);
    }

    @Test
    void updateWithFullReplicaIdentityHasTheOldTuple() {
        String d = dump(UPDATE_T_FULL, null);
        assertTrue(d.startsWith("U  Update\nrelation_id 16401\nO  old tuple (REPLICA IDENTITY FULL), 4 columns\n"), d);
        assertTrue(d.contains("  2 t first\n"), d);
        assertTrue(d.contains("N  new tuple, 4 columns\n"), d);
        assertTrue(d.contains("  2 t FIRST\n"), d);
    }

    @Test
    void defaultReplicaIdentitySendsNoOldTupleAndTheKeyOnDelete() {
        assertEquals("U  Update\nrelation_id 16408\nN  new tuple, 2 columns\n  1 t 7\n  2 t y\n", dump(UPDATE_D_DEFAULT, null));
        assertEquals("D  Delete\nrelation_id 16408\nK  key (the replica identity's columns), 2 columns\n  1 id t 7\n"
                + "  2 name n null\n", dump(DELETE_D_KEY, List.of("id", "name")));
    }

    @Test
    void unchangedToastIsMarked() {
        String d = dump(UPDATE_TOAST, List.of("id", "body", "k"));
        assertTrue(d.contains("  2 body u unchanged TOAST value (not sent)\n"), d);
        assertTrue(d.contains("  3 k t 5\n"), d);
    }

    @Test
    void sentAndUnchangedColumnsAreNamedFromTheJsonFields() {
        // after = {"id":1,"k":5}, unchanged_toast = ["body"]
        String d = PgOutputDump.dump(HexFormat.of().parseHex(UPDATE_TOAST), null, List.of("id", "k"), List.of("body"));
        assertTrue(d.endsWith("N  new tuple, 3 columns\n  1 id t 1\n  2 body u unchanged TOAST value (not sent)\n  3 k t 5\n"), d);
        String full = PgOutputDump.dump(HexFormat.of().parseHex(UPDATE_T_FULL), List.of("id", "name", "note", "n"),
                List.of("id", "name", "note", "n"), List.of());
        assertTrue(full.contains("O  old tuple (REPLICA IDENTITY FULL), 4 columns\n  1 id t 1\n  2 name t first\n"), full);
        assertTrue(full.contains("N  new tuple, 4 columns\n  1 id t 1\n  2 name t FIRST\n"), full);
    }

    @Test
    void beginRelationAndCommit() {
        String b = dump(BEGIN, null);
        assertTrue(b.startsWith("B  Begin\nfinal_lsn   0/15402D8\ncommit_time 20"), b);
        assertTrue(b.endsWith("xid         726\n"), b);
        String r = dump(RELATION_T, null);
        assertTrue(r.contains("namespace   public\nname        t\nreplica_identity f\ncolumns     4\n"), r);
        assertTrue(r.contains("  1 id type 23 typmod -1 key\n"), r);
        assertTrue(r.contains("  4 n type 1700 typmod -1 key\n"), r);
        String c = dump(COMMIT, null);
        assertTrue(c.contains("commit_lsn  0/15402D8\nend_lsn     0/1540308\n"), c);
    }

    @Test
    void aCutMessagePrintsWhatItCouldRead() {
        String d = dump(UPDATE_T_FULL.substring(0, 40), null);
        assertTrue(d.contains("O  old tuple"), d);
        assertTrue(d.endsWith("(the message ends here: 20 bytes kept)\n"), d);
    }

    @Test
    void rendersPerPlugin() {
        byte[] insert = HexFormat.of().parseHex(INSERT_T);
        String p = RawRender.render(Plugin.PGOUTPUT, new RawMessage(0x15402D8L, insert, insert.length), null);
        assertTrue(p.startsWith("pgoutput message at 0/15402D8, 34 bytes\n\nI  Insert\n"), p);
        String line = "table public.t: INSERT: id[integer]:1 name[text]:'first'";
        assertTrue(RawRender.render(Plugin.TEST_DECODING, new RawMessage(1, line.getBytes(), line.length()), null)
                .endsWith("\n\n" + line));
        String json = "{\"action\":\"I\",\"columns\":[{\"name\":\"id\",\"value\":1}]}";
        String w = RawRender.render(Plugin.WAL2JSON, new RawMessage(1, json.getBytes(), json.length()), null);
        assertTrue(w.contains("\n  \"action\" : \"I\",\n"), w);
        String cut = RawRender.render(Plugin.WAL2JSON, new RawMessage(1, json.getBytes(), 100_000), null);
        assertTrue(cut.contains("(the first " + json.length() + " bytes are kept)"), cut);
    }

    @Test
    void decoderbufsFieldsAreNamed() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream o = com.google.protobuf.CodedOutputStream.newInstance(out);
        o.writeUInt32(1, 726);
        o.writeUInt64(2, 1_700_000_000_000_000L);
        o.writeString(3, "public.t");
        o.writeEnum(4, 0);
        java.io.ByteArrayOutputStream datum = new java.io.ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream d = com.google.protobuf.CodedOutputStream.newInstance(datum);
        d.writeString(1, "name");
        d.writeInt64(2, 25);
        d.writeString(8, "first");
        d.flush();
        o.writeByteArray(5, datum.toByteArray());
        o.flush();
        String s = RawRender.protobuf(out.toByteArray());
        assertEquals("""
                transaction_id: 726
                commit_time: 1700000000000000
                table: "public.t"
                op: 0 (INSERT)
                new_tuple {
                  column_name: "name"
                  column_type: 25
                  datum_string: "first"
                }
                """, s);
    }
}
