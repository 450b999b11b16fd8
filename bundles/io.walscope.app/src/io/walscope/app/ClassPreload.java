package io.walscope.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/**
 * Loads (without initializing) the classes the workbench loads from its bundles while it builds the window, listed
 * in {@code warmup/classes.txt}, on a second thread while the display thread builds the window: the display thread
 * then finds most of them loaded (Equinox's class loaders are parallel capable; a class both threads ask for is
 * loaded once). Loading a class without initializing it runs none of its code. A listed class or bundle that is not
 * there is skipped: the list only saves time.
 */
public final class ClassPreload {
    private ClassPreload() {
    }

    /** Loads the listed classes; returns {listed, loaded}. */
    public static int[] load() {
        int listed = 0;
        int loaded = 0;
        Map<String, Bundle> bundles = new HashMap<>();
        try (InputStream in = ClassPreload.class.getResourceAsStream("/warmup/classes.txt")) {
            if (in == null) {
                return new int[] {0, 0};
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                int sp = line.indexOf(' ');
                if (line.startsWith("#") || sp < 0) {
                    continue;
                }
                listed++;
                Bundle b = bundles.computeIfAbsent(line.substring(0, sp), Platform::getBundle);
                if (b == null) {
                    continue;
                }
                try {
                    b.loadClass(line.substring(sp + 1));
                    loaded++;
                } catch (ClassNotFoundException | LinkageError | IllegalStateException e) {
                    // gone from this build, or not loadable here: the workbench does without it
                }
            }
        } catch (IOException e) {
            // the list only saves time
        }
        return new int[] {listed, loaded};
    }
}
