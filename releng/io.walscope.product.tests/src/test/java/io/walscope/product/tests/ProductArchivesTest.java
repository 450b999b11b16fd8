package io.walscope.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each platform's archive of the product holds the SWT fragment of that platform (and no other), the OSGi launcher,
 * the platform's start script, and a configuration that starts Walscope with those bundles.
 */
class ProductArchivesTest {
    static final Path PRODUCTS = Path.of(System.getProperty("walscope.repo", "../.."))
            .resolve("releng/io.walscope.product/target/products");
    static final List<String> SWT = List.of("gtk.linux.x86_64", "gtk.linux.aarch64", "win32.win32.x86_64",
            "cocoa.macosx.x86_64", "cocoa.macosx.aarch64");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // archive,                          root,                          script,                          swt
            "walscope-linux.gtk.x86_64.tar.gz,    walscope/,                     walscope/walscope,               gtk.linux.x86_64",
            "walscope-linux.gtk.aarch64.tar.gz,   walscope/,                     walscope/walscope,               gtk.linux.aarch64",
            "walscope-win32.win32.x86_64.zip,     walscope/,                     walscope/walscope.cmd,           win32.win32.x86_64",
            "walscope-macosx.cocoa.x86_64.tar.gz, Walscope.app/Contents/Eclipse/, Walscope.app/Contents/MacOS/walscope, cocoa.macosx.x86_64",
            "walscope-macosx.cocoa.aarch64.tar.gz, Walscope.app/Contents/Eclipse/, Walscope.app/Contents/MacOS/walscope, cocoa.macosx.aarch64" })
    void archiveHoldsSwtLauncherScriptAndConfiguration(String name, String root, String script, String swt)
            throws IOException {
        Path file = PRODUCTS.resolve(name);
        assertTrue(Files.isRegularFile(file), file + " was not built");
        String bundlesInfo = root + "configuration/org.eclipse.equinox.simpleconfigurator/bundles.info";
        String configIni = root + "configuration/config.ini";
        String cliInfo = root + "cli-configuration/org.eclipse.equinox.simpleconfigurator/bundles.info";
        String cliIni = root + "cli-configuration/config.ini";
        Archive a = Archive.read(file, Set.of(script, bundlesInfo, configIni, cliInfo, cliIni, "Info.plist"));

        String swtJar = a.find(root + "plugins/", "org.eclipse.swt." + swt + "_");
        assertNotNull(swtJar, name + ": no SWT fragment for " + swt);
        for (String other : SWT) {
            if (!other.equals(swt)) {
                assertNull(a.find(root + "plugins/", "org.eclipse.swt." + other + "_"), name + " holds SWT for " + other);
            }
        }
        assertNotNull(a.find(root + "plugins/", "org.eclipse.swt_"), name + ": no SWT host bundle");
        String launcher = a.find(root + "plugins/", "org.eclipse.equinox.launcher_");
        assertNotNull(launcher, name + ": no org.eclipse.equinox.launcher jar");

        String ini = a.texts.get(configIni);
        assertNotNull(ini, name + ": no " + configIni);
        assertTrue(ini.contains("eclipse.application=io.walscope.app.application"), configIni + ":\n" + ini);
        assertTrue(ini.contains("eclipse.product=io.walscope.app.product"), configIni + ":\n" + ini);
        assertTrue(ini.contains("org.eclipse.equinox.simpleconfigurator"), configIni + ":\n" + ini);
        String info = a.texts.get(bundlesInfo);
        assertNotNull(info, name + ": no " + bundlesInfo);
        for (String bsn : List.of("org.eclipse.swt." + swt, "org.eclipse.swt", "io.walscope.app", "io.walscope.cli",
                "io.walscope.ui", "org.postgresql.jdbc", "org.apache.felix.scr")) {
            assertTrue(info.lines().anyMatch(l -> l.startsWith(bsn + ",")), bundlesInfo + " does not list " + bsn);
        }

        // the commands' leaner configuration: the headless application, no UI bundles
        assertTrue(a.texts.getOrDefault(cliIni, "").contains("eclipse.application=io.walscope.cli.app"), name + ": " + cliIni);
        String cli = a.texts.getOrDefault(cliInfo, "");
        for (String bsn : List.of("io.walscope.cli", "io.walscope.core.pg", "org.eclipse.equinox.simpleconfigurator")) {
            assertTrue(cli.lines().anyMatch(l -> l.startsWith(bsn + ",")), cliInfo + " does not list " + bsn);
        }
        for (String bsn : List.of("org.eclipse.swt." + swt, "io.walscope.ui", "org.eclipse.ui.workbench")) {
            assertFalse(cli.lines().anyMatch(l -> l.startsWith(bsn + ",")), cliInfo + " lists " + bsn);
        }

        String text = a.texts.get(script);
        assertNotNull(text, name + ": no start script " + script);
        assertTrue(text.contains("org.eclipse.equinox.launcher_"), script + " does not start the OSGi launcher");
        assertTrue(text.contains("cli-configuration"), script + " does not use cli-configuration for commands");
        assertTrue(text.contains("io.walscope.cli.app") && text.contains("io.walscope.app.application"),
                script + " does not start both the window and the commands");
        if (script.endsWith(".cmd")) {
            assertTrue(text.contains("\r\n"), script + " needs Windows line ends");
        } else {
            assertTrue(text.startsWith("#!/"), script + " has no #! line");
            assertEquals(0755, a.modes.get(script) & 0777, script + " is not executable");
        }
        if (name.startsWith("walscope-linux")) {
            // the start script's fast paths: the plain class path of the commands, the window's JDK class list
            assertTrue(text.contains("io.walscope.cli.PlainStart"), script + " has no plain start for the commands");
            assertTrue(a.modes.containsKey(root + "walscope-window.classlist"), name + ": no walscope-window.classlist");
        }
        if (root.startsWith("Walscope.app/")) {
            String plist = a.texts.get("Walscope.app/Contents/Info.plist");
            assertNotNull(plist, name + ": no Walscope.app/Contents/Info.plist");
            assertTrue(plist.contains("<key>CFBundleExecutable</key><string>walscope</string>"), plist);
            assertTrue(text.contains("-XstartOnFirstThread"), script + ": SWT on Cocoa needs -XstartOnFirstThread");
        }
    }
}
