package io.walscope.cli;

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
        int code = Main.runOnStdio(args == null ? List.of() : Arrays.asList(args));
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
