package io.walscope.core.stream;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;

/**
 * The strings that come again message after message (column names and types, schema and table names), made once
 * from the parser's characters and then found again without allocating. Bounded: it starts over when full.
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
                if (++size > slots.length / 2) {
                    slots = new String[slots.length];
                    size = 0;
                } else {
                    slots[i] = s;
                }
                return s;
            }
            if (same(s, c, off, len)) {
                return s;
            }
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
