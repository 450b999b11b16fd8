package io.walscope.core.pg.ssl;

import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.walscope.core.pg.ssl.ServerCertificateException.Reason;
import io.walscope.core.ssl.CertificateInfo;

/**
 * Trusts a server whose certificate chains up to the user's CA certificates (verify-ca) and, for
 * verify-full, names the host connected to. Refusals say which certificate, which CA and what to do.
 */
final class CaTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager pkix;
    private final List<X509Certificate> cas;
    private final Path caFile;
    private final boolean verifyHost;

    CaTrustManager(List<X509Certificate> cas, Path caFile, boolean verifyHost) throws GeneralSecurityException {
        this.cas = List.copyOf(cas);
        this.caFile = caFile;
        this.verifyHost = verifyHost;
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (X509Certificate c : cas) {
            ks.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        X509TrustManager found = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                found = x;
            }
        }
        if (found == null) {
            throw new GeneralSecurityException("no X509TrustManager");
        }
        pkix = found;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        String host = null;
        if (socket instanceof SSLSocket s) {
            SSLSession hs = s.getHandshakeSession();
            host = hs == null ? null : hs.getPeerHost();
        }
        check(chain, authType, host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null);
    }

    private void check(X509Certificate[] chain, String authType, String host) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new ServerCertificateException(Reason.UNTRUSTED, "The server sent no certificate.", null);
        }
        X509Certificate leaf = chain[0];
        CertificateInfo info = CertificateInfo.of(leaf, Instant.now());
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            try {
                leaf.checkValidity();
            } catch (CertificateExpiredException | CertificateNotYetValidException v) {
                String when = info.expired() ? "expired on " + day(info.notAfter())
                        : "is not valid before " + day(info.notBefore());
                throw new ServerCertificateException(Reason.OUTSIDE_VALIDITY, "The server's certificate ("
                        + info.subject() + ") " + when + ": the server's administrator must renew it.", e);
            }
            throw new ServerCertificateException(Reason.UNTRUSTED, "The server's certificate (" + info.subject()
                    + ", issued by " + info.issuer() + ") is not signed by the CA in " + caFile + " (" + caNames()
                    + "): choose the CA certificate that signed the server's certificate.", e);
        }
        if (verifyHost && host != null) {
            List<String> dns = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            try {
                Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
                if (sans != null) {
                    for (List<?> san : sans) {
                        if (Integer.valueOf(2).equals(san.get(0))) {
                            dns.add(String.valueOf(san.get(1)));
                        } else if (Integer.valueOf(7).equals(san.get(0))) {
                            ips.add(String.valueOf(san.get(1)));
                        }
                    }
                }
            } catch (CertificateParsingException e) {
                // treated as a certificate without names
            }
            if (!HostnameMatcher.matches(host, dns, ips, info.commonName())) {
                List<String> names = new ArrayList<>(dns);
                names.addAll(ips);
                if (names.isEmpty() && info.commonName() != null) {
                    names.add(info.commonName());
                }
                throw new ServerCertificateException(Reason.HOSTNAME_MISMATCH, "The server's certificate is for "
                        + (names.isEmpty() ? "no host name" : String.join(", ", names)) + ", not for " + host
                        + ": connect with a name the certificate lists, or choose SSL mode verify-ca.", null);
            }
        }
    }

    private String caNames() {
        List<String> n = new ArrayList<>();
        for (X509Certificate c : cas) {
            n.add(CertificateInfo.of(c, Instant.now()).subject());
        }
        return String.join("; ", n);
    }

    private static String day(Instant i) {
        return i.toString().substring(0, 10);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return cas.toArray(new X509Certificate[0]);
    }
}
