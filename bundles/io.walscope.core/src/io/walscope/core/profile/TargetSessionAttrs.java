package io.walscope.core.profile;

import java.util.Locale;

/**
 * Which of several hosts a connection accepts: libpq's {@code target_session_attrs}. pgjdbc calls it
 * {@code targetServerType} and judges a server by {@code transaction_read_only}, so "primary" and "read-write" both
 * map to its {@code primary}, "standby" and "read-only" to {@code secondary}.
 */
public enum TargetSessionAttrs {
    ANY("any", "any"), PRIMARY("primary", "primary"), READ_WRITE("read-write", "primary"),
    STANDBY("standby", "secondary"), READ_ONLY("read-only", "secondary"),
    PREFER_STANDBY("prefer-standby", "preferSecondary");

    private final String value;
    private final String pgjdbc;

    TargetSessionAttrs(String value, String pgjdbc) {
        this.value = value;
        this.pgjdbc = pgjdbc;
    }

    /** libpq's spelling, used in URLs, profiles and on the command line. */
    public String value() {
        return value;
    }

    /** pgjdbc's {@code targetServerType}. */
    public String pgjdbc() {
        return pgjdbc;
    }

    /**
     * Reads libpq's values and pgjdbc's ({@code primary}, {@code secondary}, {@code preferSecondary}, ...).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TargetSessionAttrs parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        for (TargetSessionAttrs t : values()) {
            if (t.value.equals(v)) {
                return t;
            }
        }
        return switch (v) {
            case "master" -> PRIMARY;
            case "secondary", "slave" -> STANDBY;
            case "prefersecondary", "preferslave", "prefer-secondary" -> PREFER_STANDBY;
            default -> throw new IllegalArgumentException("target_session_attrs '" + s
                    + "' is not one of any, primary, standby, prefer-standby, read-write, read-only.");
        };
    }
}
