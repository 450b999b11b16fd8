package io.walscope.core.check;

import java.util.Locale;

/** How a finding stands, from harmless to blocking. The order is the severity order. */
public enum Status {
    /** Nothing to do. */
    OK,
    /** Worth knowing; nothing breaks. */
    INFO,
    /** CDC works, but loses something (before-images, keys) or risks the server (retained WAL). */
    WARN,
    /** CDC does not work until this is fixed. */
    FAIL;

    /** The lower-case name used in JSON and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for WARN and FAIL: the statuses {@code walscope apply} acts on. */
    public boolean needsAction() {
        return this == WARN || this == FAIL;
    }

    public static Status parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
