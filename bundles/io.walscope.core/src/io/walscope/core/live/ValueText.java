package io.walscope.core.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.walscope.core.stream.Tuple;

/**
 * Column values as JSON text for the live view's key and summary, written by one reused generator straight into a
 * {@link StringBuilder} ({@link Tuple#json(int)} builds a generator per value, which at tens of thousands of
 * changes a second is most of the reader's garbage). One per reader thread.
 */
final class ValueText {
    private final Target target = new Target();
    private StringBuilder left = new StringBuilder();
    private StringBuilder right = new StringBuilder();
    private JsonGenerator gen;

    /** Appends column {@code i} of {@code t} as JSON ({@code null} for NULL). */
    void append(StringBuilder sb, Tuple t, int i) {
        if (t.state(i) == Tuple.NULL) {
            sb.append("null");
            return;
        }
        target.sb = sb;
        try {
            if (gen == null) {
                gen = new JsonFactory().createGenerator(target);
                gen.setRootValueSeparator(null);
            }
            t.writeValue(i, gen);
            gen.flush();
        } catch (IOException | RuntimeException e) {
            gen = null; // a generator left mid-value is not reused
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** True when column {@code a} of {@code ta} and column {@code b} of {@code tb} have the same state and JSON. */
    boolean same(Tuple ta, int a, Tuple tb, int b) {
        if (ta.state(a) != tb.state(b)) {
            return false;
        }
        if (ta.state(a) == Tuple.UNCHANGED_TOAST) {
            return true;
        }
        left.setLength(0);
        right.setLength(0);
        append(left, ta, a);
        append(right, tb, b);
        boolean same = left.length() == right.length() && left.compareTo(right) == 0;
        if (left.capacity() > 1 << 16 || right.capacity() > 1 << 16) {
            left = new StringBuilder(); // a huge value went through: do not keep its room
            right = new StringBuilder();
        }
        return same;
    }

    /** A Writer into whichever StringBuilder is current. */
    private static final class Target extends Writer {
        StringBuilder sb;

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            sb.append(str, off, off + len);
        }

        @Override
        public void flush() {
            // nothing buffered here
        }

        @Override
        public void close() {
            // the builder stays
        }
    }
}
