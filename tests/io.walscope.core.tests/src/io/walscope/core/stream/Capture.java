package io.walscope.core.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records what a decoder delivers: "BEGIN xid", each change as its JSON line, "COMMIT end". */
final class Capture implements ChangeListener {
    final List<String> lines = new ArrayList<>();
    final List<ChangeEvent> events = new ArrayList<>();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final JsonLinesWriter w;

    Capture() {
        try {
            w = new JsonLinesWriter(buf);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void begin(Transaction tx) {
        lines.add("BEGIN " + tx.xid());
    }

    @Override
    public void change(ChangeEvent e) throws Exception {
        events.add(e.copy());
        w.change(e);
        w.flush();
        lines.add(buf.toString(StandardCharsets.UTF_8).strip());
        buf.reset();
    }

    @Override
    public void commit(Transaction tx) {
        lines.add("COMMIT " + Lsn.format(tx.endLsn()));
    }

    /** The JSON lines only. */
    List<String> json() {
        return lines.stream().filter(l -> l.startsWith("{")).toList();
    }
}
