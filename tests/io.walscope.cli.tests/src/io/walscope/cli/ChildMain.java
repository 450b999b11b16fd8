package io.walscope.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code walscope COMMAND ...} in a JVM of its own, without the OSGi runtime (see {@link ChildCli}): a process the
 * soak test can SIGKILL. The same {@link Main#run} the product's application runs.
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = Main.run(Arrays.asList(args), out, err, System.getenv());
        out.flush();
        System.exit(code);
    }
}
