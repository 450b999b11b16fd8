package io.walscope.core.stream;

import java.io.IOException;

/** A plugin's message could not be decoded; the message names the plugin, the LSN and, when known, the table. */
public final class WalscopeDecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    public WalscopeDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
