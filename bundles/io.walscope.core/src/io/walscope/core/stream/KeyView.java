package io.walscope.core.stream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/** A reusable view of some columns of another tuple (the key of a row image). */
final class KeyView implements Tuple {
    private Tuple base;
    private int[] idx;

    KeyView of(Tuple base, int[] idx) {
        this.base = base;
        this.idx = idx;
        return this;
    }

    @Override
    public int size() {
        return idx.length;
    }

    @Override
    public String name(int i) {
        return base.name(idx[i]);
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString jsonName(int i) {
        return base.jsonName(idx[i]);
    }

    @Override
    public int state(int i) {
        return base.state(idx[i]);
    }

    @Override
    public void writeValue(int i, JsonGenerator out) throws IOException {
        base.writeValue(idx[i], out);
    }

    @Override
    public String text(int i) {
        return base.text(idx[i]);
    }

    /** Indexes of {@code names} in {@code t}, or null if any is missing. */
    static int[] indexes(Tuple t, java.util.List<String> names) {
        if (names == null || names.isEmpty()) {
            return null;
        }
        int[] r = new int[names.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = t.indexOf(names.get(i));
            if (r[i] < 0) {
                return null;
            }
        }
        return r;
    }
}
