package io.walscope.core.ssl;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import io.walscope.core.ssl.SslFileException.Problem;

/** Reads a key or certificate file into {@link Block}s, with a sentence for a person when it cannot. */
final class SslFileContent {
    /** Larger files are not keys or certificates (a PEM bundle of a hundred CAs is ~200 KB). */
    private static final long MAX_BYTES = 4L << 20;

    private SslFileContent() {
    }

    /**
     * Reads and splits the file.
     *
     * @param role how the message names the file, e.g. "client key" or "CA certificate"
     */
    static List<Block> read(Path file, String role) throws SslFileException {
        byte[] bytes = bytes(file, role);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) {
            List<Block> blocks = pem(text, file, role);
            if (!blocks.isEmpty()) {
                return blocks;
            }
        }
        Block b = der(bytes);
        if (b == null) {
            String what = looksLikeText(bytes) ? "is a text file without a key or certificate in it"
                    : "is not a key or certificate Walscope recognises";
            throw new SslFileException(Problem.NOT_KEY_OR_CERTIFICATE, file,
                    "The " + role + " file " + file + " " + what + ": choose a PEM, DER or PKCS#12 file.");
        }
        return List.of(b);
    }

    static byte[] bytes(Path file, String role) throws SslFileException {
        String the = "The " + role + " file " + file;
        if (Files.isDirectory(file)) {
            throw new SslFileException(Problem.UNREADABLE, file,
                    "The " + role + " path " + file + " is a folder, not a file: choose the file inside it.");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SslFileException(Problem.NOT_KEY_OR_CERTIFICATE, file,
                        the + " is too large to be a key or certificate: choose a PEM, DER or PKCS#12 file.");
            }
            byte[] b = Files.readAllBytes(file);
            if (b.length == 0 || new String(b, StandardCharsets.ISO_8859_1).isBlank()) {
                throw new SslFileException(Problem.EMPTY, file,
                        the + " is empty: choose the file that holds the " + role + ".");
            }
            return b;
        } catch (NoSuchFileException e) {
            throw new SslFileException(Problem.NOT_FOUND, file,
                    the + " does not exist: check the path or choose the file again.");
        } catch (AccessDeniedException e) {
            throw new SslFileException(Problem.UNREADABLE, file,
                    the + " cannot be read (permission denied): give your user read access to it.");
        } catch (IOException e) {
            throw new SslFileException(Problem.UNREADABLE, file,
                    the + " cannot be read (" + oneLine(e.getMessage()) + "): check the file and its permissions.");
        }
    }

    private static List<Block> pem(String text, Path file, String role) throws SslFileException {
        List<Block> out = new ArrayList<>();
        try (PemReader r = new PemReader(new StringReader(text))) {
            PemObject o;
            while ((o = r.readPemObject()) != null) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Object h : o.getHeaders()) {
                    PemHeader ph = (PemHeader) h;
                    headers.put(ph.getName(), ph.getValue());
                }
                String type = o.getType().trim();
                if (type.equals("NEW CERTIFICATE REQUEST")) {
                    type = Block.CSR;
                }
                out.add(new Block(type, headers, o.getContent(), true));
            }
        } catch (IOException | RuntimeException e) {
            throw new SslFileException(Problem.NOT_KEY_OR_CERTIFICATE, file, "The " + role + " file " + file
                    + " has a damaged PEM block (" + oneLine(e.getMessage()) + "): choose an intact copy of the file.");
        }
        return out;
    }

    /** Classifies a binary file by its ASN.1 structure; null when it is none Walscope knows. */
    static Block der(byte[] bytes) {
        ASN1Sequence s;
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(bytes);
            if (!(p instanceof ASN1Sequence seq) || seq.size() < 2) {
                return null;
            }
            s = seq;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        ASN1Encodable e0 = s.getObjectAt(0);
        ASN1Encodable e1 = s.getObjectAt(1);
        String type = null;
        if (e0 instanceof ASN1Integer v && s.size() >= 2 && e1 instanceof ASN1Sequence ci && ci.size() >= 1
                && ci.getObjectAt(0) instanceof ASN1ObjectIdentifier
                && v.getValue().intValue() == 3) {
            type = Block.PKCS12;
        } else if (e0 instanceof ASN1ObjectIdentifier oid && oid.getId().equals("1.2.840.113549.1.7.2")) {
            type = Block.PKCS7;
        } else if (s.size() == 3 && e0 instanceof ASN1Sequence tbs && e1 instanceof ASN1Sequence
                && s.getObjectAt(2) instanceof ASN1BitString) {
            type = isCsr(tbs) ? Block.CSR : Block.CERTIFICATE;
        } else if (s.size() >= 3 && e0 instanceof ASN1Integer && e1 instanceof ASN1Sequence
                && s.getObjectAt(2) instanceof ASN1OctetString) {
            type = Block.PRIVATE_KEY;
        } else if (s.size() == 2 && e0 instanceof ASN1Sequence && e1 instanceof ASN1OctetString) {
            type = Block.ENCRYPTED_PRIVATE_KEY;
        } else if (s.size() == 2 && e0 instanceof ASN1Sequence && e1 instanceof ASN1BitString) {
            type = Block.PUBLIC_KEY;
        } else if (s.size() == 9 && allIntegers(s)) {
            type = Block.RSA_PRIVATE_KEY;
        } else if (s.size() >= 2 && e0 instanceof ASN1Integer v1 && v1.getValue().intValue() == 1
                && e1 instanceof ASN1OctetString) {
            type = Block.EC_PRIVATE_KEY;
        }
        return type == null ? null : new Block(type, Map.of(), bytes, false);
    }

    /** A CertificationRequestInfo starts with INTEGER 0 then a Name; a TBSCertificate with [0] or a serial then a SEQUENCE. */
    private static boolean isCsr(ASN1Sequence tbs) {
        return tbs.size() == 4 && tbs.getObjectAt(0) instanceof ASN1Integer i && i.getValue().signum() == 0
                && tbs.getObjectAt(2) instanceof ASN1Sequence spki && spki.size() == 2
                && spki.getObjectAt(1) instanceof ASN1BitString;
    }

    private static boolean allIntegers(ASN1Sequence s) {
        for (ASN1Encodable e : s) {
            if (!(e instanceof ASN1Integer)) {
                return false;
            }
        }
        return true;
    }

    static boolean looksLikeText(byte[] b) {
        int printable = 0;
        int n = Math.min(b.length, 4096);
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c != 0x7f)) {
                printable++;
            }
        }
        return printable >= n * 0.95;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "I/O error";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }
}
