package io.walscope.cli;

import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

import io.walscope.core.Walscope;
import io.walscope.core.pg.PgConnector;

/** {@code walscope version}: Walscope's, Java's, SWT's and pgjdbc's versions (no display, no database). */
final class VersionCommand implements Command {
    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "print the versions of Walscope, Java, SWT and pgjdbc";
    }

    @Override
    public boolean connects() {
        return false;
    }

    @Override
    public int run(Cli cli, List<String> args) throws UsageException {
        new Args(args).noneLeft();
        cli.out().println("Walscope " + Walscope.VERSION);
        cli.out().println("Java     " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        cli.out().println("SWT      " + bundleVersion("org.eclipse.swt"));
        cli.out().println("pgjdbc   " + PgConnector.driverVersion());
        return OK;
    }

    private static String bundleVersion(String bsn) {
        Bundle b = Platform.getBundle(bsn);
        return b == null ? "not installed" : b.getVersion().toString();
    }
}
