package io.walscope.core.stream;

/** Reads identifiers as {@code quote_identifier} prints them: bare, or in double quotes with {@code ""} doubled. */
final class Idents {
    private Idents() {
    }

    /** Reads one identifier at {@code pos[0]} of {@code s}, stopping before any of {@code stops}; advances pos. */
    static String read(String s, int[] pos, String stops) {
        return read(s, pos, stops, null);
    }

    /** As {@link #read(String, int[], String)}; a bare identifier comes from {@code pool} when one is given. */
    static String read(String s, int[] pos, String stops, TextPool pool) {
        int p = pos[0];
        if (p < s.length() && s.charAt(p) == '"') {
            StringBuilder b = new StringBuilder();
            p++;
            while (p < s.length()) {
                char c = s.charAt(p);
                if (c == '"') {
                    if (p + 1 < s.length() && s.charAt(p + 1) == '"') {
                        b.append('"');
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                b.append(c);
                p++;
            }
            pos[0] = p;
            return b.toString();
        }
        int start = p;
        while (p < s.length() && stops.indexOf(s.charAt(p)) < 0) {
            p++;
        }
        pos[0] = p;
        return pool != null ? pool.of(s, start, p) : s.substring(start, p);
    }

    /** Splits {@code schema.table} as {@code quote_qualified_identifier} prints it. */
    static String[] qualified(String s) {
        int[] pos = {0};
        String a = read(s, pos, ".");
        if (pos[0] < s.length() && s.charAt(pos[0]) == '.') {
            pos[0]++;
            return new String[] {a, read(s, pos, "")};
        }
        return new String[] {null, a};
    }
}
