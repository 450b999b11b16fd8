package io.walscope.core.types;

/** Quoted-literal scanning shared by the array, range and hstore parsers. */
final class Literals {
    private Literals() {
    }

    /**
     * Reads the double-quoted literal whose opening quote is at {@code p} into {@code into}: a backslash takes the
     * next character literally; with {@code doubledQuotes} (range syntax) {@code ""} is a literal quote. Returns
     * the position after the closing quote.
     */
    static int quoted(String s, int p, StringBuilder into, boolean doubledQuotes) {
        int n = s.length();
        for (int i = p + 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (++i >= n) {
                    break;
                }
                into.append(s.charAt(i));
            } else if (c == '"') {
                if (doubledQuotes && i + 1 < n && s.charAt(i + 1) == '"') {
                    into.append('"');
                    i++;
                } else {
                    return i + 1;
                }
            } else {
                into.append(c);
            }
        }
        throw new PgValueFormatException("quoted literal", s);
    }
}
