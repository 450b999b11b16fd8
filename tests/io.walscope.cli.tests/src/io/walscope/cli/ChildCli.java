package io.walscope.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.FileLocator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Starts the CLI as a separate JVM on a plain class path built from the bundles of this test runtime (Walscope's,
 * pgjdbc, Jackson, Bouncy Castle, protobuf and the Equinox bundles the CLI links), so a test can kill it with
 * SIGKILL as a user's shell would.
 */
final class ChildCli {
    private static final List<String> PREFIXES = List.of("io.walscope.core", "io.walscope.cli", "io.walscope.demo",
            "io.walscope.secure", "org.postgresql", "com.fasterxml.jackson", "com.google.protobuf", "bcprov", "bcpkix",
            "bcutil", "org.eclipse.core.runtime", "org.eclipse.equinox.common", "org.eclipse.equinox.app",
            "org.eclipse.equinox.security", "org.eclipse.osgi", "org.eclipse.core.jobs", "org.apache.commons.compress",
            "org.tukaani.xz");

    private ChildCli() {
    }

    /** The class path: each bundle's jar, or for a bundle of this build its classes directory. */
    static String classPath() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Bundle self = FrameworkUtil.getBundle(Main.class);
        for (Bundle b : self.getBundleContext().getBundles()) {
            String bsn = b.getSymbolicName();
            if (bsn == null || PREFIXES.stream().noneMatch(bsn::startsWith) || bsn.endsWith(".source")) {
                continue;
            }
            File f = FileLocator.getBundleFile(b);
            if (f.isDirectory()) {
                boolean any = false;
                for (String sub : List.of("target/classes", "bin")) {
                    File c = new File(f, sub);
                    if (c.isDirectory()) {
                        out.add(c.getAbsolutePath());
                        any = true;
                    }
                }
                if (!any) {
                    out.add(f.getAbsolutePath());
                }
            } else {
                out.add(f.getAbsolutePath());
            }
        }
        return String.join(File.pathSeparator, out);
    }

    /** {@code walscope ARGS...} as a child process with {@code env}, its output appended to {@code log}. */
    static Process start(List<String> args, Map<String, String> env, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp", classPath(),
                ChildMain.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", System.getProperty("java.io.tmpdir"));
        pb.environment().putAll(env);
        return pb.start();
    }
}
