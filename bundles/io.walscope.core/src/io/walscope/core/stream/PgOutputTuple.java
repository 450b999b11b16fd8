package io.walscope.core.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonGenerator;

import io.walscope.core.types.PgValueFormatException;
import io.walscope.core.types.ValueConverter;

/** A pgoutput TupleData read in place: offsets into the message's bytes, converted only when written. */
final class PgOutputTuple implements Tuple {
    private PgOutputRelation rel;
    private byte[] data;
    private byte[] kinds = new byte[16];
    private int[] offs = new int[16];
    private int[] lens = new int[16];
    private int n;

    /** Reads TupleData at {@code p} of {@code a}; returns the position after it. */
    int read(byte[] a, int p, PgOutputRelation r) {
        this.rel = r;
        this.data = a;
        int cols = (a[p] & 0xFF) << 8 | a[p + 1] & 0xFF;
        p += 2;
        if (cols > kinds.length) {
            kinds = new byte[cols];
            offs = new int[cols];
            lens = new int[cols];
        }
        n = cols;
        for (int i = 0; i < cols; i++) {
            byte k = a[p++];
            kinds[i] = k;
            if (k == 't' || k == 'b') {
                int len = (a[p] & 0xFF) << 24 | (a[p + 1] & 0xFF) << 16 | (a[p + 2] & 0xFF) << 8 | a[p + 3] & 0xFF;
                p += 4;
                offs[i] = p;
                lens[i] = len;
                p += len;
            }
        }
        return p;
    }

    /** Takes unchanged TOAST values from a full old row image of the same message. */
    void fillUnchangedFrom(PgOutputTuple old) {
        for (int i = 0; i < n && i < old.n; i++) {
            if (kinds[i] == 'u' && (old.kinds[i] == 't' || old.kinds[i] == 'b')) {
                kinds[i] = old.kinds[i];
                offs[i] = old.offs[i];
                lens[i] = old.lens[i];
            }
        }
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public String name(int i) {
        return i < rel.names.length ? rel.names[i] : "column" + (i + 1);
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString jsonName(int i) {
        return i < rel.names.length ? rel.jsonName(i) : Tuple.super.jsonName(i);
    }

    @Override
    public int state(int i) {
        byte k = kinds[i];
        return k == 'n' ? NULL : k == 'u' ? UNCHANGED_TOAST : VALUE;
    }

    @Override
    public void writeValue(int i, JsonGenerator out) throws IOException {
        byte k = kinds[i];
        if (k == 'n' || k == 'u') {
            out.writeNull();
            return;
        }
        ValueConverter c = i < rel.converters.length ? rel.converters[i] : null;
        if (k == 'b') {
            if (c != null && c.supportsBinary()) {
                c.writeBinary(data, offs[i], lens[i], out);
            } else {
                // never the raw bytes of another type as a value: the decoder asks for text mode before this
                throw new TextModeNeeded(rel.schema, rel.table, name(i), rel.typeOids[i]);
            }
            return;
        }
        String s = new String(data, offs[i], lens[i], StandardCharsets.UTF_8);
        if (c == null) {
            out.writeString(s);
            return;
        }
        try {
            c.writeText(s, out);
        } catch (PgValueFormatException e) {
            out.writeString(s);
        }
    }

    @Override
    public String text(int i) {
        return kinds[i] == 't' ? new String(data, offs[i], lens[i], StandardCharsets.UTF_8) : null;
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(2 + 2 * len).append("\\x");
        for (int i = off; i < off + len; i++) {
            s.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return s.toString();
    }
}
