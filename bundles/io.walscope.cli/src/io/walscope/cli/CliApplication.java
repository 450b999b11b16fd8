package io.walscope.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/** The headless application {@code io.walscope.cli.app}: {@code walscope COMMAND [options]}. */
public final class CliApplication implements IApplication {
    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        // buffered, flushed when the command ends (and by commands that stream, at their own boundaries):
        // a line-flushed stream costs one write per line of a 25,000-line report
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = Main.run(args == null ? List.of() : Arrays.asList(args), out, err, System.getenv());
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void stop() {
        // commands end by themselves; Ctrl-C is handled by the command that streams
    }

    static List<String> copy(List<String> l) {
        return new ArrayList<>(l);
    }
}
