package io.walscope.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
