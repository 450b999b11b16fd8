package io.walscope.core.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.walscope.core.stream.Tuple;

/**
 * PostgreSQL's text of a change's values ({@link Tuple#text(int)}), packed into one byte array for the live
 * buffer. The columns of each image (key, before, after) are those its JSON object holds (unchanged TOAST columns
 * left out), in the same order, so the k-th text belongs to the k-th JSON field. An after-value equal to the
 * before-value of the same column is stored as one byte. Encoding runs on the reader's thread and reuses a
 * scratch array; decoding is for the detail pane.
 * <p>
 * Layout: per image a varint {@code columns + 1} ({@code 0}: no image), then per column a varint tag: {@code 0} no
 * text (NULL, or the plugin sent no text), {@code 1} same as before, {@code n + 2} followed by {@code n} UTF-8
 * bytes.
 */
public final class LiveTexts {
    /** Marks, in a decoded after-image, a text equal to the same column's before text (compare by identity). */
    public static final String SAME_AS_BEFORE = new String("(same as before)");

    private byte[] buf = new byte[256];
    private int len;
    private final int[] counts = new int[2];
    /** The before image's texts by column index, to compare the after image with (no second text() call). */
    private String[] beforeTexts = new String[16];

    /** The decoded texts of one change; a list is null when the image is absent, an item null when no text. */
    public record Texts(List<String> key, List<String> before, List<String> after) {
    }

    /**
     * Packs the texts of the three images, or returns null when the plugin sent no text for any value (binary
     * pgoutput, decoderbufs) although there were values.
     */
    public byte[] encode(Tuple key, Tuple before, Tuple after) {
        len = 0;
        int[] counts = this.counts;
        counts[0] = 0;
        counts[1] = 0;
        image(key, null, false, counts);
        image(before, null, true, counts);
        image(after, before, false, counts);
        if (counts[0] > 0 && counts[1] == 0) {
            return null;
        }
        return Arrays.copyOf(buf, len);
    }

    private void image(Tuple t, Tuple before, boolean remember, int[] counts) {
        if (t == null) {
            varint(0);
            return;
        }
        int n = t.size();
        if (remember && beforeTexts.length < n) {
            beforeTexts = new String[Math.max(n, beforeTexts.length * 2)];
        }
        int cols = 0;
        for (int i = 0; i < n; i++) {
            if (t.state(i) != Tuple.UNCHANGED_TOAST) {
                cols++;
            }
        }
        varint(cols + 1);
        for (int i = 0; i < n; i++) {
            int s = t.state(i);
            if (s == Tuple.UNCHANGED_TOAST) {
                continue;
            }
            String text = s == Tuple.VALUE ? t.text(i) : null;
            if (remember) {
                beforeTexts[i] = text;
            }
            if (s == Tuple.VALUE) {
                counts[0]++;
            }
            if (text == null) {
                varint(0);
                continue;
            }
            counts[1]++;
            if (before != null && i < before.size() && before.state(i) == Tuple.VALUE && text.equals(beforeTexts[i])
                    && before.name(i).equals(t.name(i))) {
                varint(1);
                continue;
            }
            string(text);
        }
    }

    /** Length and UTF-8 bytes; ASCII (the common case) without an intermediate array. */
    private void string(String text) {
        int n = text.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        if (ascii) {
            varint(n + 2);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) text.charAt(i);
            }
            return;
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        varint(b.length + 2);
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void varint(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    /** Unpacks {@link #encode}'s bytes; null for null. */
    public static Texts decode(byte[] b) {
        if (b == null) {
            return null;
        }
        int[] pos = { 0 };
        List<String> key = decodeImage(b, pos);
        List<String> before = decodeImage(b, pos);
        List<String> after = decodeImage(b, pos);
        return new Texts(key, before, after);
    }

    private static List<String> decodeImage(byte[] b, int[] pos) {
        int n = readVarint(b, pos) - 1;
        if (n < 0) {
            return null;
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int tag = readVarint(b, pos);
            if (tag == 0) {
                out.add(null);
            } else if (tag == 1) {
                out.add(SAME_AS_BEFORE);
            } else {
                out.add(new String(b, pos[0], tag - 2, StandardCharsets.UTF_8));
                pos[0] += tag - 2;
            }
        }
        return out;
    }

    private static int readVarint(byte[] b, int[] pos) {
        int v = 0;
        for (int shift = 0;; shift += 7) {
            byte x = b[pos[0]++];
            v |= (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
        }
    }
}
