package io.walscope.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A small TCP proxy on loopback in front of a test server, for tests of what a cut network link does: every
 * connection made through {@link #port()} is forwarded to the server; {@link #cut()} closes all links at once (the
 * client and the server each see their socket close, as when a router drops them), and {@link #refuse(boolean)}
 * makes new connections fail until allowed again.
 */
public final class LinkCutter implements AutoCloseable {
    private final int target;
    private final ServerSocket server;
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean refusing;
    private volatile int accepted;

    public LinkCutter(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::acceptLoop, "link-cutter-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted;
    }

    /** Closes every open link. */
    public void cut() {
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing
                }
            }
            open.clear();
        }
    }

    /** While true, a new connection is closed as soon as it is accepted. */
    public void refuse(boolean r) {
        refusing = r;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                accepted++;
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                synchronized (open) {
                    open.add(client);
                    open.add(upstream);
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed, or the server is down: the client sees its connection fail
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // cut or closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // closing
                }
            }
        }, "link-cutter-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        cut();
    }
}
