package io.walscope.core.ssl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.walscope.core.ssl.SslFileException.Problem;

/** Reads PKCS#12 bundles with the JDK's key store, and with Bouncy Castle's for what the JDK refuses. */
final class Pkcs12Reader {
    /** What a bundle held. {@code key} is null when it held certificates only. */
    record Content(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> certificates,
            boolean encrypted) {
    }

    private Pkcs12Reader() {
    }

    static Content read(Block b, char[] password, Path file, String role) throws SslFileException {
        boolean noPassword = password == null || password.length == 0;
        List<char[]> tries = new ArrayList<>();
        if (!noPassword) {
            tries.add(password);
        }
        tries.add(new char[0]);
        boolean passwordFailed = false;
        Exception other = null;
        for (char[] pw : tries) {
            for (boolean useBc : new boolean[] { false, true }) {
                try {
                    KeyStore ks = useBc ? KeyStore.getInstance("PKCS12", KeyDecoder.bc()) : KeyStore.getInstance("PKCS12");
                    ks.load(new ByteArrayInputStream(b.der()), pw);
                    return content(ks, pw);
                } catch (UnrecoverableKeyException e) {
                    passwordFailed = true;
                } catch (IOException e) {
                    if (isPasswordFailure(e)) {
                        passwordFailed = true;
                    } else {
                        other = e;
                    }
                } catch (Exception e) {
                    other = e;
                }
            }
        }
        if (passwordFailed) {
            throw KeyDecoder.wrongPassword(file, role, noPassword);
        }
        throw new SslFileException(Problem.UNSUPPORTED, file, "The " + role + " file " + file
                + " is a PKCS#12 bundle Walscope cannot open (" + SslFileContent.oneLine(String.valueOf(
                        other == null ? null : other.getMessage()))
                + "): export it again with AES, or as PEM files.");
    }

    private static boolean isPasswordFailure(IOException e) {
        if (KeyDecoder.hasCause(e, UnrecoverableKeyException.class)
                || KeyDecoder.hasCauseNamed(e, "javax.crypto.BadPaddingException")) {
            return true;
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("password") || m.contains("mac invalid") || m.contains("mac check")
                || m.contains("pad block") || m.contains("integrity check");
    }

    private static Content content(KeyStore ks, char[] pw) throws KeyStoreException, UnrecoverableKeyException {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        List<X509Certificate> all = new ArrayList<>();
        for (String alias : Collections.list(ks.aliases())) {
            if (key == null && ks.isKeyEntry(alias)) {
                Key k;
                try {
                    k = ks.getKey(alias, pw);
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new UnrecoverableKeyException(e.getMessage());
                }
                if (k instanceof PrivateKey pk) {
                    key = pk;
                    Certificate[] c = ks.getCertificateChain(alias);
                    if (c != null) {
                        for (Certificate x : c) {
                            if (x instanceof X509Certificate xc) {
                                chain.add(xc);
                            }
                        }
                    }
                }
            }
            Certificate c = ks.getCertificate(alias);
            if (c instanceof X509Certificate xc && !all.contains(xc)) {
                all.add(xc);
            }
        }
        for (X509Certificate c : chain) {
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        return new Content(key, chain, all, pw.length > 0);
    }
}
