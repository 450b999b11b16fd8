package io.walscope.core.pg.ssl;

import java.security.cert.CertificateException;

/**
 * The server's certificate failed Walscope's check. Thrown from the trust manager inside the TLS handshake,
 * so it reaches the caller as the cause of pgjdbc's exception; the message is one sentence for a person.
 */
public class ServerCertificateException extends CertificateException {
    private static final long serialVersionUID = 1L;

    /** Why the certificate was refused. */
    public enum Reason {
        /** Not signed by (a chain up to) the CA the user gave. */
        UNTRUSTED,
        /** Expired or not yet valid. */
        OUTSIDE_VALIDITY,
        /** Valid, but for other host names than the one connected to (verify-full). */
        HOSTNAME_MISMATCH
    }

    private final Reason reason;

    public ServerCertificateException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
