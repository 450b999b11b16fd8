package io.walscope.core.ssl;

import java.nio.file.Path;

import io.walscope.core.WalscopeException;

/**
 * A key or certificate file Walscope cannot use, with one sentence for a person that names the file and the
 * fix. The message never holds a password or a stack trace; {@link #problem()} lets callers (the wizard,
 * tests) react to the kind of failure without parsing the text.
 */
public class SslFileException extends WalscopeException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Problem {
        /** The path names nothing. */
        NOT_FOUND,
        /** The file exists but cannot be read (permissions, a folder, an I/O error). */
        UNREADABLE,
        /** The file has no content. */
        EMPTY,
        /** The file holds something else: text, a CSR, a public key, unrecognised binary data. */
        NOT_KEY_OR_CERTIFICATE,
        /** A certificate was expected, but the file holds only a key (or the other way round). */
        WRONG_KIND,
        /** The key is encrypted and no password was given. */
        PASSWORD_MISSING,
        /** The key is encrypted and the password does not open it. */
        PASSWORD_WRONG,
        /** The key is in a form or encrypted with an algorithm Walscope cannot read. */
        UNSUPPORTED,
        /** The private key does not belong to the client certificate. */
        KEY_CERTIFICATE_MISMATCH
    }

    private final transient Path file;
    private final Problem problem;

    public SslFileException(Problem problem, Path file, String message) {
        super(message);
        this.problem = problem;
        this.file = file;
    }

    public Problem problem() {
        return problem;
    }

    /** The file the message is about (for a key/certificate mismatch: the key). */
    public Path file() {
        return file;
    }
}
