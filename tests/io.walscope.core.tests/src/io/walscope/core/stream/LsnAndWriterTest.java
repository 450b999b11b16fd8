package io.walscope.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class LsnAndWriterTest {
    @Test
    void lsnRoundTrips() {
        assertEquals("0/16B3748", Lsn.format(Lsn.parse("0/16B3748")));
        assertEquals("FFFFFFFF/FFFFFFFF", Lsn.format(Lsn.parse("ffffffff/ffffffff")));
        assertEquals("0/0", Lsn.format(0));
        assertEquals(0x1_0000_0000L, Lsn.parse("1/0"));
        assertThrows(IllegalArgumentException.class, () -> Lsn.parse("16B3748"));
        assertThrows(IllegalArgumentException.class, () -> Lsn.parse("1/x"));
    }

    @Test
    void debeziumEnvelope() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Transaction tx = new Transaction().begin(42, 0x900, 1_700_000_000_123_456L);
        Tuple after = RenderedTuple.of(List.of("id", "v"), new int[] {Tuple.VALUE, Tuple.NULL}, List.of("1", "null"));
        try (JsonLinesWriter w = new JsonLinesWriter(b, JsonLinesWriter.Format.DEBEZIUM, "shop")) {
            w.change(new ChangeEvent().row(Op.INSERT, 0x800, tx, "s", "t", null, null, after));
        }
        String line = b.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("{\"before\":null,\"after\":{\"id\":1,\"v\":null},\"source\":{\"version\":\"walscope\","
                + "\"connector\":\"postgresql\",\"name\":\"walscope\",\"ts_ms\":1700000000123,\"snapshot\":\"false\","
                + "\"db\":\"shop\",\"schema\":\"s\",\"table\":\"t\",\"txId\":42,\"lsn\":2048},\"op\":\"c\",\"ts_ms\":"), line);
        assertTrue(line.endsWith("}\n"), line);
    }

    @Test
    void copiesOutliveTheCallback() {
        Transaction tx = new Transaction().begin(1, 0, Transaction.UNKNOWN_TIME);
        ChangeEvent e = new ChangeEvent().row(Op.DELETE, 5, tx, "s", "t", null,
                RenderedTuple.of(List.of("id"), new int[] {Tuple.VALUE}, List.of("7")), null);
        ChangeEvent copy = e.copy();
        tx.begin(2, 0, Transaction.UNKNOWN_TIME);
        assertEquals(1, copy.tx().xid());
        assertEquals("7", copy.before().json(0));
    }
}
