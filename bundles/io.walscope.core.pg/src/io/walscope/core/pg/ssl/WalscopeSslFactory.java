package io.walscope.core.pg.ssl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import io.walscope.core.WalscopeException;
import io.walscope.core.conn.PgProperties;

/**
 * The {@code sslfactory} that {@link PgProperties#of} names: pgjdbc instantiates it by class name for each
 * connection with the connection's properties, and it builds the TLS context in memory from the profile's
 * files ({@link ClientSsl#context}) — every key form Walscope reads, no converted files on disk.
 *
 * <p>pgjdbc (42.7.13+) looks the class up with its own class loader and then with the thread's context class
 * loader ({@code classLoaderStrategy=driver-first}). Under OSGi only the second can see this bundle: connect
 * inside {@link #withContextLoader(Connect)}.
 */
public class WalscopeSslFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    /** Called by pgjdbc (through reflection) with the connection's properties. */
    public WalscopeSslFactory(Properties info) throws WalscopeException {
        delegate = ClientSsl.context(info).getSocketFactory();
    }

    /** An action that opens a connection. */
    @FunctionalInterface
    public interface Connect<T> {
        T run() throws java.sql.SQLException;
    }

    /**
     * Runs {@code action} with this bundle's class loader as the thread's context class loader, so that
     * pgjdbc finds this factory under OSGi; restores the previous loader afterwards.
     */
    public static <T> T withContextLoader(Connect<T> action) throws java.sql.SQLException {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(WalscopeSslFactory.class.getClassLoader());
        try {
            return action.run();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return delegate.createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return delegate.createSocket(address, port, localAddress, localPort);
    }
}
