package io.walscope.core.profile;

import java.util.Locale;

/** pgjdbc / libpq {@code sslmode} values. */
public enum SslMode {
    DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    /** The value as libpq and pgjdbc spell it. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SslMode parse(String s) {
        for (SslMode m : values()) {
            if (m.value().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown sslmode '" + s
                + "': use disable, allow, prefer, require, verify-ca or verify-full.");
    }
}
