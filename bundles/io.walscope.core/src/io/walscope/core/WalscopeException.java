package io.walscope.core;

/**
 * A failure with a message meant for a person: one sentence that names the cause and, where it can, the fix.
 * The UI and the CLI show {@link #getMessage()} as it is, never a stack trace.
 */
public class WalscopeException extends Exception {
    private static final long serialVersionUID = 1L;

    public WalscopeException(String message) {
        super(message);
    }

    public WalscopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
