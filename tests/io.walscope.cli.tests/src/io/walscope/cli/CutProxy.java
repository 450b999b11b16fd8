package io.walscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on loopback to a server port, of the test's own, that can cut every connection at once (a reset both
 * ways), as a broken network or a firewall dropping state would.
 */
final class CutProxy implements AutoCloseable {
    private final ServerSocket listen;
    private final int target;
    private final List<Socket[]> pairs = new ArrayList<>();
    private final Thread acceptor;

    CutProxy(int target) throws IOException {
        this.target = target;
        this.listen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "cut-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listen.getLocalPort();
    }

    private void accept() {
        while (!listen.isClosed()) {
            try {
                Socket c = listen.accept();
                Socket u;
                try {
                    u = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    c.close();
                    continue;
                }
                Socket[] pair = {c, u};
                synchronized (pairs) {
                    pairs.add(pair);
                }
                pump(pair, c, u);
                pump(pair, u, c);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void pump(Socket[] pair, Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // cut or closed
            } finally {
                close(pair, false);
            }
        }, "cut-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket[] pair, boolean reset) {
        synchronized (pairs) {
            pairs.remove(pair);
        }
        for (Socket s : pair) {
            try {
                if (reset) {
                    s.setSoLinger(true, 0);
                }
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    /** Resets every connection; returns how many there were. */
    int cut() {
        List<Socket[]> all;
        synchronized (pairs) {
            all = new ArrayList<>(pairs);
        }
        for (Socket[] p : all) {
            close(p, true);
        }
        return all.size();
    }

    @Override
    public void close() throws IOException {
        listen.close();
        cut();
    }
}
