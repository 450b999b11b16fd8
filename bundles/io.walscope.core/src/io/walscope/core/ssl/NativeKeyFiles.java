package io.walscope.core.ssl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.walscope.core.WalscopeException;

/**
 * The fallback for a driver that cannot take keys from memory: writes a client identity as an unencrypted
 * PKCS#8 DER key ({@code client.pk8}, the form pgjdbc reads without help) and a PEM certificate chain, and
 * CA certificates as PEM, into a fresh private directory (0700, files 0600) that {@link #close()} removes
 * (and a shutdown hook, should the JVM exit first).
 */
public final class NativeKeyFiles implements AutoCloseable {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final List<Path> files = new ArrayList<>();
    private final Thread hook;

    private NativeKeyFiles(Path dir) {
        this.dir = dir;
        this.hook = new Thread(this::delete, "walscope-ssl-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Creates an empty private directory under {@code parent} (the system temp dir when null). */
    public static NativeKeyFiles create(Path parent) throws WalscopeException {
        try {
            Path base = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
            Path d;
            if (Files.getFileStore(base).supportsFileAttributeView("posix")) {
                d = Files.createTempDirectory(base, "walscope-ssl-", PosixFilePermissions.asFileAttribute(DIR));
            } else {
                d = Files.createTempDirectory(base, "walscope-ssl-");
            }
            return new NativeKeyFiles(d);
        } catch (IOException e) {
            throw new WalscopeException("Could not create a private folder for the converted SSL key ("
                    + SslFileContent.oneLine(e.getMessage()) + "): check that the temp folder is writable.", e);
        }
    }

    /** The private directory. */
    public Path directory() {
        return dir;
    }

    /** Writes the key as unencrypted PKCS#8 DER ({@code client.pk8}). */
    public Path writeKey(ClientIdentity id) throws WalscopeException {
        return write("client.pk8", id.privateKey().getEncoded());
    }

    /** Writes certificates as a PEM chain. */
    public Path writeCertificates(String name, List<X509Certificate> certs) throws WalscopeException {
        StringBuilder b = new StringBuilder();
        Base64.Encoder enc = Base64.getMimeEncoder(64, new byte[] { '\n' });
        for (X509Certificate c : certs) {
            try {
                b.append("-----BEGIN CERTIFICATE-----\n").append(enc.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new WalscopeException("A certificate cannot be encoded again: choose another copy of it.", e);
            }
        }
        return write(name, b.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private Path write(String name, byte[] content) throws WalscopeException {
        Path f = dir.resolve(name);
        try {
            try {
                if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                    Files.createFile(f, PosixFilePermissions.asFileAttribute(FILE));
                } else {
                    Files.createFile(f);
                }
            } catch (FileAlreadyExistsException e) {
                // rewritten below with the same permissions
            }
            Files.write(f, content);
            files.add(f);
            return f;
        } catch (IOException e) {
            throw new WalscopeException("Could not write the converted SSL file " + f + " ("
                    + SslFileContent.oneLine(e.getMessage()) + "): check that the temp folder is writable.", e);
        }
    }

    /** Deletes the files and the directory. */
    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook deletes
        }
    }

    private synchronized void delete() {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // best effort: the folder is private
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // best effort
        }
    }
}
