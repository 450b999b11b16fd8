package io.walscope.core.stream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;

/**
 * The strings that come again message after message (column names and types, schema and table names), made once
 * from the parser's characters (or a region of a line) and then found again without allocating. Bounded: it starts over when full.
 */
final class TextPool {
    private static final int MAX_LEN = 64;
    private String[] slots = new String[1024];
    private int size;

    /** The current token's text, from the pool when short. */
    String of(JsonParser p) throws IOException {
        int len = p.getTextLength();
        if (len > MAX_LEN) {
            return p.getText();
        }
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + c[i];
        }
        int mask = slots.length - 1;
        for (int i = (h ^ h >>> 16) & mask;; i = (i + 1) & mask) {
            String s = slots[i];
            if (s == null) {
                s = new String(c, off, len);
                put(i, s);
                return s;
            }
            if (same(s, c, off, len)) {
                return s;
            }
        }
    }

    /** The characters {@code start..end} of {@code text}, from the pool when short. */
    String of(String text, int start, int end) {
        int len = end - start;
        if (len > MAX_LEN) {
            return text.substring(start, end);
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        int mask = slots.length - 1;
        for (int i = (h ^ h >>> 16) & mask;; i = (i + 1) & mask) {
            String s = slots[i];
            if (s == null) {
                s = text.substring(start, end);
                put(i, s);
                return s;
            }
            if (s.length() == len && text.startsWith(s, start)) {
                return s;
            }
        }
    }

    private void put(int i, String s) {
        if (++size > slots.length / 2) {
            slots = new String[slots.length];
            size = 0;
        } else {
            slots[i] = s;
        }
    }

    /** Whether {@code s} is the {@code len} characters of {@code c} at {@code off}. */
    static boolean same(String s, char[] c, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != c[off + i]) {
                return false;
            }
        }
        return true;
    }
}
