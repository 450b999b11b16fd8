package io.walscope.core.debezium;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringTokenizer;

/**
 * Reads PostgreSQL's text output of the types whose Debezium values come from pgjdbc's parsers (money, bytea,
 * interval, point, hstore, arrays), with the same results as those parsers, so the values Debezium computes from
 * them can be computed here.
 */
final class PgText {
    private PgText() {
    }

    /** Thrown where Debezium's conversion fails (it then leaves the field NULL). */
    static final class Unconvertible extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unconvertible(String what) {
            super(what, null, false, false);
        }
    }

    /** bytea in hex ({@code \x0001}) or escape format. */
    static byte[] bytea(String s) {
        if (s.startsWith("\\x")) {
            int n = (s.length() - 2) / 2;
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (Character.digit(s.charAt(2 + 2 * i), 16) << 4 | Character.digit(s.charAt(3 + 2 * i), 16));
            }
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (c == '\\' && i + 3 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /**
     * money as Debezium reads a streamed value: the currency symbol (one character) and group separators dropped,
     * a leading minus kept ({@code -$1,234.56} is -1234.56).
     */
    static BigDecimal money(String s) {
        boolean negative = s.startsWith("-") || s.startsWith("(");
        String t = s.startsWith("-") ? s.substring(1) : s;
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1);
        }
        t = t.substring(1).replace(",", "");
        return new BigDecimal(negative ? "-" + t : t);
    }

    /** An interval's parts as pgjdbc's PGInterval reads the {@code postgres} style (and ISO 8601). */
    record Interval(int years, int months, int days, int hours, int minutes, double seconds) {
    }

    /** An interval's parts while they are read. */
    private static final class Parts {
        int years;
        int months;
        int days;
        int hours;
        int minutes;
        double seconds;

        Interval done(int sign) {
            return new Interval(sign * years, sign * months, sign * days, sign * hours, sign * minutes,
                    micros(sign * seconds));
        }
    }

    static Interval interval(String value) {
        if (value.startsWith("P")) {
            return isoInterval(value);
        }
        Parts x = new Parts();
        boolean postgresFormat = !value.startsWith("@");
        String v = value.replace('+', ' ').replace('@', ' ').toLowerCase(Locale.ROOT);
        StringTokenizer st = new StringTokenizer(v);
        String number = null;
        for (int i = 1; st.hasMoreTokens(); i++) {
            String token = st.nextToken();
            if ((i & 1) == 1) {
                int colon = token.indexOf(':');
                if (colon == -1) {
                    number = token;
                    continue;
                }
                int offset = token.charAt(0) == '-' ? 1 : 0;
                x.hours = intOf(token.substring(offset, colon));
                x.minutes = intOf(token.substring(colon + 1, colon + 3));
                int second = token.indexOf(':', colon + 1);
                if (second != -1) {
                    x.seconds = doubleOf(token.substring(second + 1));
                }
                if (offset == 1) {
                    x.hours = -x.hours;
                    x.minutes = -x.minutes;
                    x.seconds = -x.seconds;
                }
                number = null;
            } else if (token.startsWith("year")) {
                x.years = intOf(number);
            } else if (token.startsWith("mon")) {
                x.months = intOf(number);
            } else if (token.startsWith("day")) {
                x.days = intOf(number);
            } else if (token.startsWith("hour")) {
                x.hours = intOf(number);
            } else if (token.startsWith("min")) {
                x.minutes = intOf(number);
            } else if (token.startsWith("sec")) {
                x.seconds = doubleOf(number);
            }
        }
        return x.done(!postgresFormat && v.endsWith("ago") ? -1 : 1);
    }

    /** Seconds kept to the microsecond, as PGInterval keeps them (whole seconds plus microseconds). */
    private static double micros(double seconds) {
        long total = Math.round(seconds * 1_000_000);
        return total / 1_000_000 + (double) (total % 1_000_000) / 1_000_000;
    }

    private static Interval isoInterval(String value) {
        Parts x = new Parts();
        int t = value.indexOf('T');
        String date = t > 0 ? value.substring(1, t) : value.substring(1);
        String time = t > 0 ? value.substring(t + 1) : "";
        int start = 0;
        for (int i = 0; i < date.length(); i++) {
            char c = date.charAt(i);
            if (c == 'Y' || c == 'M' || c == 'D') {
                int n = Integer.parseInt(date.substring(start, i));
                x.years = c == 'Y' ? n : x.years;
                x.months = c == 'M' ? n : x.months;
                x.days = c == 'D' ? n : x.days;
                start = i + 1;
            }
        }
        start = 0;
        for (int i = 0; i < time.length(); i++) {
            char c = time.charAt(i);
            if (c == 'H' || c == 'M' || c == 'S') {
                String n = time.substring(start, i);
                if (c == 'S') {
                    x.seconds = Double.parseDouble(n);
                } else if (c == 'H') {
                    x.hours = Integer.parseInt(n);
                } else {
                    x.minutes = Integer.parseInt(n);
                }
                start = i + 1;
            }
        }
        return x.done(1);
    }

    private static int intOf(String s) {
        return s == null ? 0 : Integer.parseInt(s);
    }

    private static double doubleOf(String s) {
        return s == null ? 0 : Double.parseDouble(s);
    }

    /** A point {@code (x,y)} as pgjdbc's PGpoint reads it. */
    static double[] point(String s) {
        String t = s.strip();
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1);
        }
        int comma = t.indexOf(',');
        if (comma < 0) {
            throw new Unconvertible("point");
        }
        return new double[] {Double.parseDouble(t.substring(0, comma).strip()),
                Double.parseDouble(t.substring(comma + 1).strip())};
    }

    /**
     * hstore text ({@code "a"=>"1", "b"=>NULL}) as pgjdbc's HStoreConverter reads it: into a HashMap filled in the
     * text's order, so it iterates in the same order as Debezium's.
     */
    static Map<String, String> hstore(String s) {
        Map<String, String> m = new HashMap<>();
        int[] p = {0};
        int n = s.length();
        while (true) {
            skipSpaces(s, p);
            if (p[0] >= n) {
                return m;
            }
            String key = hstoreToken(s, p);
            skipSpaces(s, p);
            if (!s.startsWith("=>", p[0])) {
                throw new Unconvertible("hstore");
            }
            p[0] += 2;
            skipSpaces(s, p);
            String val = hstoreToken(s, p);
            m.put(key, val);
            skipSpaces(s, p);
            if (p[0] < n && s.charAt(p[0]) == ',') {
                p[0]++;
            }
        }
    }

    private static void skipSpaces(String s, int[] p) {
        while (p[0] < s.length() && Character.isWhitespace(s.charAt(p[0]))) {
            p[0]++;
        }
    }

    /** A quoted token (backslash escapes) or an unquoted one; an unquoted NULL is null. */
    private static String hstoreToken(String s, int[] p) {
        StringBuilder b = new StringBuilder();
        if (p[0] < s.length() && s.charAt(p[0]) == '"') {
            int i = p[0] + 1;
            for (; i < s.length() && s.charAt(i) != '"'; i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    c = s.charAt(++i);
                }
                b.append(c);
            }
            p[0] = i + 1;
            return b.toString();
        }
        int i = p[0];
        while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
            b.append(s.charAt(i++));
        }
        p[0] = i;
        String t = b.toString();
        return t.equals("NULL") ? null : t;
    }

    /**
     * The elements of an array literal: a String per element (unquoted, unescaped), null for NULL, a nested List
     * for a sub-array; a bounds decoration ({@code [0:1]={...}}) is skipped.
     */
    static List<Object> array(String s, char delimiter) {
        int p = 0;
        if (s.startsWith("[")) {
            p = s.indexOf('=') + 1;
        }
        List<Object> out = new ArrayList<>();
        if (p >= s.length() || s.charAt(p) != '{') {
            return out;
        }
        int end = array(s, p, delimiter, out);
        if (end != s.length()) {
            throw new Unconvertible("array");
        }
        return out;
    }

    /** Parses the array starting with '{' at {@code p} into {@code out}; returns the position after its '}'. */
    private static int array(String s, int p, char delimiter, List<Object> out) {
        p++;
        if (p < s.length() && s.charAt(p) == '}') {
            return p + 1;
        }
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '{') {
                List<Object> sub = new ArrayList<>();
                p = array(s, p, delimiter, sub);
                out.add(sub);
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                p++;
                while (s.charAt(p) != '"') {
                    if (s.charAt(p) == '\\') {
                        p++;
                    }
                    b.append(s.charAt(p++));
                }
                p++;
                out.add(b.toString());
            } else {
                int start = p;
                while (s.charAt(p) != delimiter && s.charAt(p) != '}') {
                    p++;
                }
                String t = s.substring(start, p).strip();
                out.add(t.equalsIgnoreCase("NULL") ? null : t);
            }
            char next = s.charAt(p);
            p++;
            if (next == '}') {
                return p;
            }
        }
        throw new Unconvertible("array");
    }
}
