package io.walscope.core.pg.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.walscope.core.stream.ChangeEvent;
import io.walscope.core.stream.ChangeListener;
import io.walscope.core.stream.JsonLinesWriter;
import io.walscope.core.stream.Transaction;

/** Keeps copies of the events and their JSON lines; runs a hook on each change (to inject faults). */
final class Collect implements ChangeListener {
    final List<ChangeEvent> events = new ArrayList<>();
    final List<String> json = new ArrayList<>();
    final List<Long> commits = new ArrayList<>();
    int flushes;
    int reconnects;
    Consumer<ChangeEvent> hook = e -> { };
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final JsonLinesWriter w;

    Collect() {
        try {
            w = new JsonLinesWriter(buf);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void change(ChangeEvent e) throws Exception {
        events.add(e.copy());
        w.change(e);
        w.flush();
        json.add(buf.toString(StandardCharsets.UTF_8).strip());
        buf.reset();
        hook.accept(e);
    }

    @Override
    public synchronized void commit(Transaction tx) {
        commits.add(tx.endLsn());
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void reconnected(long resumeLsn, int attempt) {
        reconnects++;
    }

    synchronized int size() {
        return events.size();
    }

    /** The canonical JSON of after (or before for deletes) of each row change: what every plugin must agree on. */
    List<String> rows() {
        List<String> out = new ArrayList<>();
        for (ChangeEvent e : events) {
            if (e.after() != null) {
                out.add(e.op().json() + " " + e.table() + " " + io.walscope.core.stream.RenderedTuple.of(e.after()));
            } else if (e.before() != null) {
                out.add(e.op().json() + " " + e.table() + " key "
                        + io.walscope.core.stream.RenderedTuple.of(e.key() != null ? e.key() : e.before()));
            } else {
                out.add(e.op().json() + " " + e.table());
            }
        }
        return out;
    }
}
