package io.walscope.core.pg.ssl;

import java.nio.file.Path;
import java.util.Properties;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.PgProperties;
import io.walscope.core.ssl.ClientIdentity;
import io.walscope.core.ssl.FileRole;
import io.walscope.core.ssl.NativeKeyFiles;
import io.walscope.core.ssl.SslFiles;

/**
 * The fallback for where {@link WalscopeSslFactory} cannot be used (a class loader that cannot see it, a
 * tool that takes only plain pgjdbc properties): converts the profile's SSL files into the forms pgjdbc's
 * own {@code LibPQFactory} reads — the key as unencrypted PKCS-8 DER {@code client.pk8}, certificates as PEM
 * — in a private 0700 directory with 0600 files, and points the properties at them. Close the result when
 * the connection is closed; a shutdown hook removes the files should the JVM exit first.
 */
public final class NativeSslFiles implements AutoCloseable {
    private final Properties properties;
    private final NativeKeyFiles files;

    private NativeSslFiles(Properties properties, NativeKeyFiles files) {
        this.properties = properties;
        this.files = files;
    }

    /**
     * Converts the SSL files named in {@code props} (as {@link PgProperties#of} made them).
     *
     * @param parent where the private directory goes; null for the system temp directory
     */
    public static NativeSslFiles convert(Properties props, Path parent) throws WalscopeException {
        Properties out = new Properties();
        out.putAll(props);
        if (!PgProperties.SSL_FACTORY.equals(props.getProperty("sslfactory"))) {
            return new NativeSslFiles(out, null);
        }
        out.remove("sslfactory");
        ClientSsl.Settings s = ClientSsl.Settings.of(props);
        ClientIdentity id = ClientSsl.identity(s);
        NativeKeyFiles f = NativeKeyFiles.create(parent);
        try {
            if (id != null) {
                out.setProperty("sslkey", f.writeKey(id).toString());
                out.setProperty("sslcert", f.writeCertificates("client.crt", id.chain()).toString());
                out.remove("sslpassword");
            }
            if (s.rootCert() != null || s.verifies()) {
                Path ca = ClientSsl.caFile(s);
                out.setProperty("sslrootcert", f.writeCertificates("root.crt",
                        SslFiles.readCertificates(ca, FileRole.CA_CERTIFICATE, null)).toString());
            }
            return new NativeSslFiles(out, f);
        } catch (WalscopeException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** The properties to hand pgjdbc. */
    public Properties properties() {
        return properties;
    }

    /** The private directory of the converted files, or null when nothing needed converting. */
    public Path directory() {
        return files == null ? null : files.directory();
    }

    /** Removes the converted files. */
    @Override
    public void close() {
        if (files != null) {
            files.close();
        }
    }
}
