package io.walscope.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

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
        if (PlainStart.plain()) {
            return plainBundleVersion(bsn);
        }
        Bundle b = Platform.getBundle(bsn);
        return b == null ? "not installed" : b.getVersion().toString();
    }

    /**
     * On the plain class path: the Bundle-Version of the product's jar of {@code bsn}, found beside this command's
     * own jar in the product's plugins folder (as OSGi would have installed it).
     */
    private static String plainBundleVersion(String bsn) {
        try {
            Path plugins = Path.of(VersionCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(plugins, bsn + "_*.jar")) {
                for (Path jar : jars) {
                    try (JarFile j = new JarFile(jar.toFile())) {
                        Attributes a = j.getManifest().getMainAttributes();
                        if (bsn.equals(a.getValue("Bundle-SymbolicName").split(";")[0].strip())) {
                            return a.getValue("Bundle-Version");
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "not found (" + e.getMessage() + ")";
        }
        return "not installed";
    }
}
