package io.walscope.core.ssl;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.walscope.core.WalscopeException;

/**
 * The source guide's certificate set, made with Bouncy Castle instead of openssl: a CA, a server certificate whose
 * subject alternative names carry every host name and address clients use (verify-full checks them; the CN is the
 * first), and a client certificate whose CN is the database user (what {@code cert} authentication and
 * {@code clientcert=verify-full} match). RSA 2048 and SHA-256 as the guide; keys as unencrypted PKCS#8 PEM, mode 0600
 * (PostgreSQL refuses a server key others can read; pgjdbc reads {@code BEGIN PRIVATE KEY}).
 *
 * @param files the files written, in the order of {@link #FILE_NAMES}
 */
public record CertificateSet(Path dir, List<Path> files, List<String> serverNames, String clientUser, Instant notAfter) {
    /** ca.crt, ca.key, server.crt, server.key, client.crt, client.key (the guide's names). */
    public static final List<String> FILE_NAMES = List.of("ca.crt", "ca.key", "server.crt", "server.key", "client.crt",
            "client.key");
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    public CertificateSet {
        files = List.copyOf(files);
        serverNames = List.copyOf(serverNames);
    }

    public Path caCert() {
        return files.get(0);
    }

    public Path serverCert() {
        return files.get(2);
    }

    public Path serverKey() {
        return files.get(3);
    }

    public Path clientCert() {
        return files.get(4);
    }

    public Path clientKey() {
        return files.get(5);
    }

    /**
     * Writes a new set into {@code dir} (created when missing). Refuses to overwrite any of the files: a CA that is
     * replaced invalidates every certificate it issued.
     *
     * @param serverNames host names and IP addresses of the server, as clients write them (at least one)
     * @param clientUser  the database user of the client certificate
     */
    public static CertificateSet generate(Path dir, List<String> serverNames, String clientUser, Duration validity)
            throws WalscopeException {
        if (serverNames.isEmpty() || serverNames.stream().anyMatch(String::isBlank)) {
            throw new WalscopeException("Name the server as clients reach it (a host name or an address).");
        }
        if (clientUser == null || clientUser.isBlank()) {
            throw new WalscopeException("Name the database user of the client certificate.");
        }
        try {
            Files.createDirectories(dir);
            for (String n : FILE_NAMES) {
                if (Files.exists(dir.resolve(n))) {
                    throw new FileAlreadyExistsException(dir.resolve(n).toString());
                }
            }
            Instant now = Instant.now();
            Instant until = now.plus(validity);
            KeyPair caKeys = rsa();
            X500Name caName = name("Walscope CA for " + serverNames.get(0));
            X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minusSeconds(300)),
                    Date.from(until), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caKeys.getPublic())), caKeys);
            KeyPair serverKeys = rsa();
            X509Certificate server = sign(leaf(ca, caKeys, name(serverNames.get(0)), serverKeys, now, until,
                    KeyPurposeId.id_kp_serverAuth).addExtension(Extension.subjectAlternativeName, false,
                            sans(serverNames)), caKeys);
            KeyPair clientKeys = rsa();
            X509Certificate client = sign(leaf(ca, caKeys, name(clientUser), clientKeys, now, until,
                    KeyPurposeId.id_kp_clientAuth), caKeys);
            List<Path> files = new ArrayList<>();
            files.add(write(dir, "ca.crt", pem(ca), false));
            files.add(write(dir, "ca.key", pem(new JcaPKCS8Generator(caKeys.getPrivate(), null)), true));
            files.add(write(dir, "server.crt", pem(server), false));
            files.add(write(dir, "server.key", pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)), true));
            files.add(write(dir, "client.crt", pem(client), false));
            files.add(write(dir, "client.key", pem(new JcaPKCS8Generator(clientKeys.getPrivate(), null)), true));
            return new CertificateSet(dir, files, serverNames, clientUser, until);
        } catch (FileAlreadyExistsException e) {
            throw new WalscopeException(e.getFile() + " exists already: choose an empty directory (a new CA would"
                    + " invalidate the certificates the old one issued).", e);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new WalscopeException("Could not write the certificate set to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static X500Name name(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Walscope").addRDN(BCStyle.CN, cn).build();
    }

    private static X509v3CertificateBuilder leaf(X509Certificate ca, KeyPair caKeys, X500Name subject, KeyPair keys,
            Instant from, Instant until, KeyPurposeId purpose) throws GeneralSecurityException, IOException {
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        int usage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
        return new JcaX509v3CertificateBuilder(ca, serial(), Date.from(from.minusSeconds(300)), Date.from(until), subject,
                keys.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                .addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(caKeys.getPublic()));
    }

    /** IP addresses as iPAddress entries (verify-full compares those), everything else as dNSName. */
    private static GeneralNames sans(List<String> names) throws IOException {
        List<GeneralName> out = new ArrayList<>();
        for (String n : names) {
            String s = n.strip();
            boolean ip = s.matches("[0-9.]+") || s.contains(":");
            out.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName,
                    ip ? InetAddress.getByName(s).getHostAddress() : s));
        }
        return new GeneralNames(out.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(issuer.getPrivate())));
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }

    private static Path write(Path dir, String name, String content, boolean secret) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        return f;
    }
}
