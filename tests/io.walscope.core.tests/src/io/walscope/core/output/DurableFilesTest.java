package io.walscope.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.walscope.core.WalscopeException;
import io.walscope.core.stream.Lsn;

/** {@link DurableFiles}: whole transactions only, resumed after the last complete one, other writers refused. */
class DurableFilesTest {
    private static final OutputIdentity ME = OutputIdentity.slot("s1", "7000", "shop", "pgoutput", "jsonl");

    @TempDir
    Path dir;

    private static void line(OutputStream out, String s) throws IOException {
        out.write((s + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void resumesAfterTheLastCompleteTransactionAndCutsTheRestOff() throws Exception {
        Path f = dir.resolve("changes.jsonl");
        DurableFiles d = DurableFiles.openFile(f, ME, Duration.ZERO);
        assertFalse(d.recovery().resumed());
        assertTrue(Files.exists(dir.resolve("changes.jsonl.walscope")), "the sidecar comes before any data");
        OutputStream out = d.stream();
        line(out, "{\"tx\":1,\"row\":1}");
        line(out, "{\"tx\":1,\"row\":2}");
        d.commit(0x100, 0x108);
        assertTrue(d.sync(false));
        assertEquals(0x108, d.durableEndLsn());
        // the second transaction is written, but the process dies before its commit: half of it and a torn line
        line(out, "{\"tx\":2,\"row\":1}");
        out.write("{\"tx\":2,\"ro".getBytes(StandardCharsets.UTF_8));
        d.sync(false); // nothing committed since: no new checkpoint, but the bytes reach the file
        assertEquals(0x108, d.durableEndLsn());
        assertTrue(Files.readString(f).endsWith("\"ro"), "the crash leaves the unfinished transaction in the file");
        d.crash();

        DurableFiles again = DurableFiles.openFile(f, ME, Duration.ZERO);
        assertTrue(again.recovery().resumed());
        assertEquals(0x108, again.recovery().endLsn());
        assertEquals(1, again.recovery().found().transactions());
        assertEquals("{\"tx\":2,\"row\":1}\n{\"tx\":2,\"ro".length(), again.recovery().droppedBytes());
        assertEquals(List.of("{\"tx\":1,\"row\":1}", "{\"tx\":1,\"row\":2}"), Files.readAllLines(f));
        OutputStream out2 = again.stream();
        line(out2, "{\"tx\":2,\"row\":1}");
        line(out2, "{\"tx\":2,\"row\":2}");
        again.commit(0x200, 0x208);
        line(out2, "{\"tx\":3,\"row\":1}");
        again.close(); // a normal end in the middle of transaction 3: it is cut off
        assertEquals(List.of("{\"tx\":1,\"row\":1}", "{\"tx\":1,\"row\":2}", "{\"tx\":2,\"row\":1}",
                "{\"tx\":2,\"row\":2}"), Files.readAllLines(f));
        Checkpoint cp = Checkpoint.read(dir.resolve("changes.jsonl.walscope"));
        assertEquals(0x208, cp.endLsn());
        assertEquals(0x200, cp.commitLsn());
        assertEquals(2, cp.transactions());
        assertEquals(Files.size(f), cp.offsets().get("changes.jsonl"));
        assertEquals(ME, cp.identity());
    }

    @Test
    void anotherWriterIsRefusedWithOneSentence() throws Exception {
        Path f = dir.resolve("c.jsonl");
        try (DurableFiles d = DurableFiles.openFile(f, ME, Duration.ZERO)) {
            line(d.stream(), "{}");
            d.commit(1, 2);
        }
        assertEquals("c.jsonl was written from slot \"s1\", not slot \"s2\": pass --slot s1 to continue it, or write"
                + " to another file.", refusal(f, OutputIdentity.slot("s2", "7000", "shop", "pgoutput", "jsonl")));
        assertEquals("c.jsonl holds changes of another server (system identifier 7000, this one is 7001): write to"
                + " another file.", refusal(f, OutputIdentity.slot("s1", "7001", "shop", "pgoutput", "jsonl")));
        assertEquals("c.jsonl holds changes of database \"shop\", not \"other\": write to another file, or tail"
                + " database \"shop\".", refusal(f, OutputIdentity.slot("s1", "7000", "other", "pgoutput", "jsonl")));
        assertEquals("c.jsonl holds jsonl lines, not debezium: pass --format jsonl to continue it, or write to another"
                + " file.", refusal(f, OutputIdentity.slot("s1", "7000", "shop", "pgoutput", "debezium")));
        assertEquals("c.jsonl was written from slot \"s1\", not a temporary slot: pass --slot s1 to continue it, or"
                + " write to another file.", refusal(f, OutputIdentity.slot(null, "7000", "shop", "pgoutput", "jsonl")));
        assertEquals("c.jsonl was written by slot \"s1\", not by timestamp polling: write to another file.",
                refusal(f, OutputIdentity.poll("7000", "shop", "jsonl")));

        Path foreign = dir.resolve("mine.jsonl");
        Files.writeString(foreign, "{\"x\":1}\n");
        WalscopeException e = assertThrows(WalscopeException.class,
                () -> DurableFiles.openFile(dir.resolve("mine.jsonl"), ME, Duration.ZERO));
        assertTrue(e.getMessage().contains("already holds 8 bytes that walscope tail did not write (there is no"
                + " mine.jsonl.walscope beside it)"), e.getMessage());
        Files.writeString(foreign, "");
        DurableFiles.openFile(foreign, ME, Duration.ZERO).close(); // an empty file is as good as none
    }

    private String refusal(Path f, OutputIdentity who) {
        WalscopeException e = assertThrows(WalscopeException.class,
                () -> DurableFiles.openFile(f, who, Duration.ZERO));
        return e.getMessage().replace(dir + "/", "");
    }

    @Test
    void aFileShorterThanItsCheckpointOrChangedIsRefused() throws Exception {
        Path f = dir.resolve("c.jsonl");
        try (DurableFiles d = DurableFiles.openFile(f, ME, Duration.ZERO)) {
            line(d.stream(), "{\"a\":1}");
            d.commit(1, 2);
        }
        Files.writeString(f, "{\"a\"");
        WalscopeException e = assertThrows(WalscopeException.class, () -> DurableFiles.openFile(f, ME, Duration.ZERO));
        assertTrue(e.getMessage().contains("holds 4 bytes but its checkpoint says its complete transactions take 8"
                + " bytes"), e.getMessage());
        Files.writeString(f, "{\"a\":12}");
        e = assertThrows(WalscopeException.class, () -> DurableFiles.openFile(f, ME, Duration.ZERO));
        assertTrue(e.getMessage().contains("does not end a line where its checkpoint says"), e.getMessage());
        Files.writeString(dir.resolve("c.jsonl.walscope"), "{oops");
        e = assertThrows(WalscopeException.class, () -> DurableFiles.openFile(f, ME, Duration.ZERO));
        assertTrue(e.getMessage().startsWith("Cannot continue " + f + ": its checkpoint "), e.getMessage());
    }

    @Test
    void oneWriterAtATime() throws Exception {
        Path f = dir.resolve("c.jsonl");
        try (DurableFiles first = DurableFiles.openFile(f, ME, Duration.ZERO)) {
            line(first.stream(), "{\"a\":1}");
            WalscopeException e = assertThrows(WalscopeException.class, () -> DurableFiles.openFile(f, ME, Duration.ZERO));
            assertEquals(f + " is being written by another walscope tail: stop that one first, or write to another"
                    + " file.", e.getMessage());
            first.commit(1, 2);
        }
        DurableFiles.openFile(f, ME, Duration.ZERO).close(); // released at close
        Path out = dir.resolve("out");
        try (DurableFiles d = DurableFiles.openDir(out, n -> true, ME, Duration.ZERO)) {
            assertThrows(WalscopeException.class, () -> DurableFiles.openDir(out, n -> true, ME, Duration.ZERO));
        }
    }

    @Test
    void anFsyncIntervalHoldsConfirmationBack() throws Exception {
        Path f = dir.resolve("c.jsonl");
        try (DurableFiles d = DurableFiles.openFile(f, ME, Duration.ofHours(1))) {
            line(d.stream(), "{\"a\":1}");
            d.commit(1, 2);
            assertFalse(d.sync(false), "not due yet");
            assertEquals(Lsn.INVALID, d.durableEndLsn(), "nothing may be confirmed before the fsync");
            assertTrue(d.sync(true));
            assertEquals(2, d.durableEndLsn());
        }
        // --fsync-interval 0 (null): never fsync, but the checkpoint still follows every sync
        try (DurableFiles d = DurableFiles.openFile(dir.resolve("n.jsonl"), ME, null)) {
            line(d.stream(), "{\"a\":1}");
            d.commit(1, 2);
            assertTrue(d.sync(false));
            assertEquals(2, d.durableEndLsn());
        }
    }

    @Test
    void aDirectoryOfFilesSharesOneCheckpoint() throws Exception {
        Path out = dir.resolve("out");
        DurableFiles d = DurableFiles.openDir(out, n -> n.endsWith(".jsonl"), ME, Duration.ZERO);
        line(d.stream("a.jsonl"), "a1");
        line(d.stream("b.jsonl"), "b1");
        d.commit(10, 11);
        d.sync(false);
        line(d.stream("a.jsonl"), "a2");
        line(d.stream("c.jsonl"), "c1"); // a new file in an unfinished transaction
        d.sync(false);
        Files.writeString(out.resolve("notes.txt"), "not ours");
        d.crash();
        DurableFiles again = DurableFiles.openDir(out, n -> n.endsWith(".jsonl"), ME, Duration.ZERO);
        assertEquals(11, again.recovery().endLsn());
        assertEquals(1, again.recovery().droppedFiles());
        assertEquals(List.of("a1"), Files.readAllLines(out.resolve("a.jsonl")));
        assertEquals(List.of("b1"), Files.readAllLines(out.resolve("b.jsonl")));
        assertFalse(Files.exists(out.resolve("c.jsonl")));
        assertEquals("not ours", Files.readString(out.resolve("notes.txt")));
        line(again.stream("c.jsonl"), "c1");
        again.commit(20, 21);
        again.close();
        Checkpoint cp = Checkpoint.read(out.resolve(DurableFiles.DIR_SIDECAR));
        assertEquals(3, cp.offsets().size());
        assertEquals(3L, cp.offsets().get("c.jsonl"));
        assertEquals(2, cp.transactions());
        // a large write (more than the buffer) goes straight through and still counts
        try (DurableFiles big = DurableFiles.openDir(out, n -> n.endsWith(".jsonl"), ME, Duration.ZERO)) {
            byte[] b = new byte[3 << 20];
            java.util.Arrays.fill(b, (byte) 'x');
            b[b.length - 1] = '\n';
            OutputStream s = big.stream("a.jsonl");
            s.write(b, 0, b.length);
            big.commit(30, 31);
        }
        assertEquals(3L + (3 << 20), Files.size(out.resolve("a.jsonl")));
        Files.write(out.resolve("a.jsonl"), "zz".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertEquals(2, DurableFiles.openDir(out, n -> n.endsWith(".jsonl"), ME, Duration.ZERO).recovery().droppedBytes());
    }
}
