package io.walscope.core.ssl;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cert.X509CertificateHolder;

/** Helpers to describe certificates and keys, and to tell whether a key belongs to a certificate. */
final class Certificates {
    private static final Map<String, String> ALGORITHMS = Map.of("1.2.840.113549.1.1.1", "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS", "1.2.840.10045.2.1", "EC", "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448", "1.2.840.10040.4.1", "DSA");
    private static final Map<String, String> NIST_CURVES = Map.of("secp256r1", "P-256", "prime256v1", "P-256",
            "secp384r1", "P-384", "secp521r1", "P-521", "secp224r1", "P-224");

    private Certificates() {
    }

    static CertificateInfo info(X509Certificate cert, Instant now) {
        X509CertificateHolder h = holder(cert);
        String subject = name(h.getSubject());
        String issuer = name(h.getIssuer());
        SubjectPublicKeyInfo spki = h.getSubjectPublicKeyInfo();
        String alg = algorithm(spki.getAlgorithm());
        String size = size(alg, spki.getAlgorithm(), cert.getPublicKey());
        Instant nb = cert.getNotBefore().toInstant();
        Instant na = cert.getNotAfter().toInstant();
        boolean ca = false;
        Extension bc = h.getExtension(Extension.basicConstraints);
        if (bc != null) {
            ca = BasicConstraints.getInstance(bc.getParsedValue()).isCA();
        }
        return new CertificateInfo(subject, issuer, nb, na, now.isAfter(na), now.isBefore(nb), alg, size, ca,
                h.getSubject().equals(h.getIssuer()), subjectAltNames(h), fingerprint(cert));
    }

    static X509CertificateHolder holder(X509Certificate cert) {
        try {
            return new X509CertificateHolder(cert.getEncoded());
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalArgumentException("unreadable certificate", e);
        }
    }

    /** DNS names and IP addresses of the subjectAltName extension. */
    static List<String> subjectAltNames(X509CertificateHolder h) {
        List<String> out = new ArrayList<>();
        Extension san = h.getExtension(Extension.subjectAlternativeName);
        if (san == null) {
            return out;
        }
        for (GeneralName g : GeneralNames.getInstance(san.getParsedValue()).getNames()) {
            if (g.getTagNo() == GeneralName.dNSName) {
                out.add(g.getName().toString());
            } else if (g.getTagNo() == GeneralName.iPAddress) {
                out.add(ip(org.bouncycastle.asn1.ASN1OctetString.getInstance(g.getName()).getOctets()));
            }
        }
        return out;
    }

    private static String ip(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b.length; i += 2) {
            if (i > 0) {
                s.append(':');
            }
            s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
        }
        return s.toString();
    }

    static String name(X500Name n) {
        StringBuilder b = new StringBuilder();
        for (RDN rdn : n.getRDNs()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            ASN1ObjectIdentifier type = rdn.getFirst().getType();
            String key = BCStyle.INSTANCE.oidToDisplayName(type);
            b.append(key == null ? type.getId() : key.toUpperCase(Locale.ROOT)).append('=')
                    .append(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return b.toString();
    }

    static String commonName(String subject) {
        for (String part : subject.split(", ")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return null;
    }

    static String commonName(X509Certificate cert) {
        return commonName(name(holder(cert).getSubject()));
    }

    /** True when {@code parent}'s subject is {@code child}'s issuer (names only, no signature check). */
    static boolean issuedBy(X509Certificate child, X509Certificate parent) {
        return holder(child).getIssuer().equals(holder(parent).getSubject());
    }

    static String subject(X509Certificate cert) {
        return name(holder(cert).getSubject());
    }

    static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            return "";
        }
    }

    static String algorithm(AlgorithmIdentifier id) {
        String a = ALGORITHMS.get(id.getAlgorithm().getId());
        return a == null ? id.getAlgorithm().getId() : a;
    }

    /** "2048-bit" for RSA, the curve for EC, null otherwise. */
    static String size(String alg, AlgorithmIdentifier id, Object javaKey) {
        if (javaKey instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength() + "-bit";
        }
        if ("EC".equals(alg)) {
            ASN1Encodable params = id.getParameters();
            if (params instanceof ASN1ObjectIdentifier oid) {
                String n = ECNamedCurveTable.getName(oid);
                if (n == null) {
                    return oid.getId();
                }
                return NIST_CURVES.getOrDefault(n, n);
            }
            return "explicit curve parameters";
        }
        return null;
    }

    /** Algorithm and size of a private key, e.g. {"EC", "P-256"}. */
    static String[] describe(PrivateKey key) {
        try {
            PrivateKeyInfo pki = PrivateKeyInfo.getInstance(key.getEncoded());
            String alg = algorithm(pki.getPrivateKeyAlgorithm());
            return new String[] { alg, size(alg, pki.getPrivateKeyAlgorithm(), key) };
        } catch (RuntimeException e) {
            return new String[] { key.getAlgorithm(), key instanceof RSAKey r ? r.getModulus().bitLength() + "-bit" : null };
        }
    }

    /** True when {@code key} is the private half of {@code pub}. */
    static boolean matches(PrivateKey key, PublicKey pub) {
        if (key instanceof RSAKey a && pub instanceof RSAKey b) {
            return a.getModulus().equals(b.getModulus());
        }
        if (!sameFamily(key.getAlgorithm(), pub.getAlgorithm())) {
            return false;
        }
        String sig = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm().equals("EdDSA") ? "EdDSA" : key.getAlgorithm();
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (sig == null) {
            return false;
        }
        try {
            byte[] data = new byte[32];
            new SecureRandom().nextBytes(data);
            Signature s = Signature.getInstance(sig);
            s.initSign(key);
            s.update(data);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(sig);
            v.initVerify(pub);
            v.update(data);
            return v.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean sameFamily(String a, String b) {
        return norm(a).equals(norm(b));
    }

    private static String norm(String a) {
        return switch (a) {
            case "ECDSA" -> "EC";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> a;
        };
    }
}
