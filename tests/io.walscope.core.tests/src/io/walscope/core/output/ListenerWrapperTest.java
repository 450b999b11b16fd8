package io.walscope.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.Op;

/**
 * A listener that wraps a writer must pass on every callback, the defaults included: a default left out is silently
 * swallowed (a snapshot's start and end were, and Debezium's snapshot markers went wrong behind a file output).
 */
class ListenerWrapperTest {
    @Test
    void exactlyOnceListenerPassesOnEveryCallback() {
        for (Method m : ChangeListener.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                ExactlyOnceListener.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                assertTrue(false, "ExactlyOnceListener does not override ChangeListener." + m.getName());
            }
        }
    }

    @TempDir
    Path dir;

    /**
     * A writer that holds a snapshot row back until the next one or the snapshot's end (as Debezium's writer does, to
     * mark the last row "last"): the row it writes at the end is whole and stays in the file when the run ends.
     */
    @Test
    void theRowAWriterWritesAtTheSnapshotsEndStaysInTheFile() throws Exception {
        Path f = dir.resolve("snapshot.jsonl");
        DurableFiles files = DurableFiles.openFile(f,
                OutputIdentity.slot("s1", "7000", "shop", "pgoutput", "debezium"), Duration.ZERO);
        OutputStream out = files.stream();
        ChangeListener holdsOneBack = new ChangeListener() {
            private String held;

            @Override
            public void change(ChangeEvent e) throws Exception {
                if (held != null) {
                    out.write((held + "\n").getBytes(StandardCharsets.UTF_8));
                }
                held = "row " + e.lsn();
            }

            @Override
            public void snapshotEnd() throws Exception {
                out.write((held + " last\n").getBytes(StandardCharsets.UTF_8));
                held = null;
            }
        };
        ExactlyOnceListener l = new ExactlyOnceListener(holdsOneBack, files);
        l.snapshotStart(-1, List.of("shop.t"));
        ChangeEvent e = new ChangeEvent();
        l.change(e.row(Op.READ, 0x100, null, "shop", "t", null, null, null));
        l.change(e.row(Op.READ, 0x100, null, "shop", "t", null, null, null));
        l.snapshotEnd();
        l.close();
        assertEquals(List.of("row 256", "row 256 last"), Files.readAllLines(f));
    }
}
