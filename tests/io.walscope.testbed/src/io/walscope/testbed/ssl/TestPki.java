package io.walscope.testbed.ssl;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away PKI for tests, made with Bouncy Castle: a CA, a server certificate for localhost and 127.0.0.1,
 * client certificates (CN = the user name) with RSA and EC keys written in every format Walscope reads, an
 * expired client certificate, a client certificate from another CA, and any further server certificates a
 * test asks for. Everything lives in one directory; keys of the server are 0600 so PostgreSQL accepts them.
 */
public final class TestPki {
    /** The password of every encrypted key and PKCS#12 bundle. */
    public static final String PASSWORD = "Walscope-Test-Pass";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /** Key algorithms of the client certificates. */
    public enum Alg {
        RSA, EC
    }

    /** The forms a client key is written in. */
    public enum KeyForm {
        /** RSA: BEGIN RSA PRIVATE KEY; EC: BEGIN EC PRIVATE KEY (SEC1). */
        PEM_TRADITIONAL("trad.pem"),
        /** Traditional PEM with Proc-Type/DEK-Info, AES-256-CBC. */
        PEM_TRADITIONAL_ENCRYPTED("enc-trad.pem"),
        /** Traditional PEM with Proc-Type/DEK-Info, DES-EDE3-CBC (what old OpenSSL wrote). */
        PEM_TRADITIONAL_ENCRYPTED_3DES("enc-trad-3des.pem"),
        /** BEGIN PRIVATE KEY. */
        PEM_PKCS8("pkcs8.pem"),
        /** BEGIN ENCRYPTED PRIVATE KEY, PBES2 with PBKDF2 and AES-256-CBC. */
        PEM_PKCS8_ENCRYPTED("enc-pkcs8.pem"),
        /** BEGIN ENCRYPTED PRIVATE KEY, PBES2 with PBKDF2 and 3DES. */
        PEM_PKCS8_ENCRYPTED_3DES("enc-pkcs8-3des.pem"),
        /** BEGIN ENCRYPTED PRIVATE KEY, PKCS#12 PBE with SHA-1 and 3DES (PBES1-style). */
        PEM_PKCS8_ENCRYPTED_PKCS12PBE("enc-pkcs8-pbe.pem"),
        /** Binary PKCS#8. */
        DER_PKCS8("pk8"),
        /** Binary encrypted PKCS#8 (PBES2, AES-256-CBC). */
        DER_PKCS8_ENCRYPTED("enc.pk8"),
        /** Binary PKCS#1 (RSA) or SEC1 (EC). */
        DER_TRADITIONAL("der"),
        /** PKCS#12 bundle with key, client certificate and CA certificate, password {@link TestPki#PASSWORD}. */
        PKCS12("p12"),
        /** One PEM file with the client certificate and the unencrypted PKCS#8 key. */
        PEM_BUNDLE("bundle.pem");

        private final String suffix;

        KeyForm(String suffix) {
            this.suffix = suffix;
        }

        /** True for the forms that need {@link TestPki#PASSWORD}. */
        public boolean encrypted() {
            return name().contains("ENCRYPTED") || this == PKCS12;
        }
    }

    /** A certificate with its key, as objects and as files. */
    public record Issued(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile) {
    }

    private final Path dir;
    private final String user;
    private final Issued ca;
    private final Issued otherCa;
    private final Issued server;
    private final Map<Alg, Issued> clients = new EnumMap<>(Alg.class);
    private final Issued expiredClient;
    private final Issued otherCaClient;
    private final Issued strangerKey;

    private TestPki(Path dir, String user) throws GeneralSecurityException, IOException {
        this.dir = dir;
        this.user = user;
        Files.createDirectories(dir);
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(1));
        Instant to = now.plus(Duration.ofDays(3650));
        ca = writePem("ca", issue("CN=Walscope Test CA,O=Walscope Tests", rsa(), null, from, to, Use.CA));
        otherCa = writePem("other-ca", issue("CN=Other Test CA,O=Elsewhere", rsa(), null, from, to, Use.CA));
        server = writePem("server", issue("CN=localhost", rsa(), ca, from, to, Use.SERVER, "localhost", "127.0.0.1"));
        clients.put(Alg.RSA, writePem("client-rsa", issue("CN=" + user, rsa(), ca, from, to, Use.CLIENT)));
        clients.put(Alg.EC, writePem("client-ec", issue("CN=" + user, ec(), ca, from, to, Use.CLIENT)));
        expiredClient = writePem("client-expired", issue("CN=" + user, rsa(), ca, now.minus(Duration.ofDays(60)),
                now.minus(Duration.ofDays(1)), Use.CLIENT));
        otherCaClient = writePem("client-other-ca", issue("CN=" + user, rsa(), otherCa, from, to, Use.CLIENT));
        strangerKey = writePem("stranger", issue("CN=stranger", rsa(), ca, from, to, Use.CLIENT));
        for (Alg a : Alg.values()) {
            for (KeyForm f : KeyForm.values()) {
                writeKey(clients.get(a).key(), List.of(clients.get(a).certificate(), ca.certificate()),
                        clientKey(a, f), f);
            }
        }
    }

    /**
     * Makes a PKI in {@code dir} for client certificates of {@code user}. Takes about a second (RSA key
     * generation); share one per test class.
     */
    public static TestPki create(Path dir, String user) {
        try {
            return new TestPki(dir, user);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return dir;
    }

    public String user() {
        return user;
    }

    /** The CA that signed the server and client certificates ({@code ca.crt}). */
    public Issued ca() {
        return ca;
    }

    /** A CA that signed nothing the server knows ({@code other-ca.crt}). */
    public Issued otherCa() {
        return otherCa;
    }

    /** The server certificate for localhost and 127.0.0.1, key {@code server.key} (PEM PKCS#8, 0600). */
    public Issued server() {
        return server;
    }

    /** The client certificate of {@link #user()} with an unencrypted PKCS#8 PEM key. */
    public Issued client(Alg alg) {
        return clients.get(alg);
    }

    /** The file holding the client key of {@code alg} in {@code form}. */
    public Path clientKey(Alg alg, KeyForm form) {
        return dir.resolve("client-" + alg.name().toLowerCase() + "." + form.suffix);
    }

    /** A client certificate of {@link #user()} that expired yesterday. */
    public Issued expiredClient() {
        return expiredClient;
    }

    /** A client certificate of {@link #user()} signed by {@link #otherCa()}. */
    public Issued otherCaClient() {
        return otherCaClient;
    }

    /** A certificate and key of someone else (CN=stranger): its key does not match the user's certificates. */
    public Issued stranger() {
        return strangerKey;
    }

    /**
     * Issues a further server certificate signed by the CA, for the given DNS names and IP addresses (e.g. a
     * certificate that does not name 127.0.0.1, to test hostname checks). Files {@code <name>.crt/.key}.
     */
    public Issued issueServer(String name, String... altNames) {
        try {
            Instant now = Instant.now();
            return writePem(name, issue("CN=" + (altNames.length > 0 ? altNames[0] : name), rsa(), ca,
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), Use.SERVER, altNames));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code key} in {@code form} to {@code file} ({@code chain} goes into PKCS#12 and PEM bundles). */
    public static void writeKey(PrivateKey key, List<X509Certificate> chain, Path file, KeyForm form) {
        char[] pw = PASSWORD.toCharArray();
        try {
            if (key.getAlgorithm().equals("EC")) {
                // the JDK's encoding leaves curve and public key out of the inner SEC1 structure; OpenSSL
                // (and Bouncy Castle) write both, so the traditional forms below look like OpenSSL's
                key = KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
            }
            byte[] out = switch (form) {
                case PEM_TRADITIONAL -> pem(new JcaMiscPEMGenerator(key));
                case PEM_TRADITIONAL_ENCRYPTED -> pem(new JcaMiscPEMGenerator(key,
                        new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).build(pw)));
                case PEM_TRADITIONAL_ENCRYPTED_3DES -> pem(new JcaMiscPEMGenerator(key,
                        new JcePEMEncryptorBuilder("DES-EDE3-CBC").setProvider(BC).build(pw)));
                case PEM_PKCS8 -> pem(new JcaPKCS8Generator(key, null));
                case PEM_PKCS8_ENCRYPTED -> pem(new JcaPKCS8Generator(key, pkcs8(PKCS8Generator.AES_256_CBC, pw)));
                case PEM_PKCS8_ENCRYPTED_3DES -> pem(new JcaPKCS8Generator(key, pkcs8(PKCS8Generator.DES3_CBC, pw)));
                case PEM_PKCS8_ENCRYPTED_PKCS12PBE -> pem(new JcaPKCS8Generator(key,
                        pkcs8(PKCS8Generator.PBE_SHA1_3DES, pw)));
                case DER_PKCS8 -> key.getEncoded();
                case DER_PKCS8_ENCRYPTED -> new JcaPKCS8Generator(key, pkcs8(PKCS8Generator.AES_256_CBC, pw))
                        .generate().getContent();
                case DER_TRADITIONAL -> PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey()
                        .toASN1Primitive().getEncoded();
                case PKCS12 -> pkcs12(key, chain, pw);
                case PEM_BUNDLE -> concat(pem(new JcaMiscPEMGenerator(chain.get(0))),
                        pem(new JcaPKCS8Generator(key, null)));
            };
            writePrivate(file, out);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes certificates as a PEM chain. */
    public static void writeCertificates(Path file, X509Certificate... certs) {
        try {
            byte[] all = new byte[0];
            for (X509Certificate c : certs) {
                all = concat(all, pem(new JcaMiscPEMGenerator(c)));
            }
            Files.write(file, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutputEncryptor pkcs8(org.bouncycastle.asn1.ASN1ObjectIdentifier alg, char[] pw)
            throws org.bouncycastle.operator.OperatorCreationException {
        return new JceOpenSSLPKCS8EncryptorBuilder(alg).setProvider(BC).setRandom(new SecureRandom())
                .setPassword(pw).build();
    }

    private static byte[] pem(org.bouncycastle.util.io.pem.PemObjectGenerator g) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            PemObject o = g.generate();
            pw.writeObject(o);
        }
        return w.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pkcs12(PrivateKey key, List<X509Certificate> chain, char[] pw)
            throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, pw, chain.toArray(new X509Certificate[0]));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ks.store(out, pw);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private enum Use {
        CA, SERVER, CLIENT
    }

    private Issued writePem(String name, Issued i) throws IOException {
        Path crt = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        writeCertificates(crt, i.certificate());
        writePrivate(key, pem(new JcaPKCS8Generator(i.key(), null)));
        return new Issued(i.certificate(), i.key(), crt, key);
    }

    private static void writePrivate(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static Issued issue(String subject, KeyPair kp, Issued issuer, Instant from, Instant to, Use use,
            String... altNames) throws GeneralSecurityException, IOException {
        X500Name subj = new X500Name(subject);
        X500Name iss = issuer == null ? subj
                : new JcaX509CertificateHolder(issuer.certificate()).getSubject();
        PrivateKey signer = issuer == null ? kp.getPrivate() : issuer.key();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(iss,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subj, kp.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
        if (issuer != null) {
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(issuer.certificate()));
        }
        switch (use) {
            case CA -> {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            case SERVER -> {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                List<GeneralName> names = new ArrayList<>();
                for (String n : altNames) {
                    names.add(isIp(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
                }
                if (!names.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(new GeneralName[0])));
                }
            }
            case CLIENT -> {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
        String sigAlg = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        ContentSigner cs;
        try {
            cs = new JcaContentSignerBuilder(sigAlg).build(signer);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(cs));
        return new Issued(cert, kp.getPrivate(), null, null);
    }

    private static boolean isIp(String n) {
        if (!n.matches("[0-9.]+") && !n.contains(":")) {
            return false;
        }
        try {
            InetAddress.getByName(n);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
