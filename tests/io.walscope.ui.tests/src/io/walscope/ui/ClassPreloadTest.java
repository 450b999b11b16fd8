package io.walscope.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.walscope.app.ClassPreload;

/**
 * The window's class list (io.walscope.app's warmup/classes.txt) still names the classes of this build: a list that
 * went stale with a new Eclipse release would load nothing and quietly stop saving start-up time.
 */
class ClassPreloadTest {
    @Test
    void theListedClassesLoad() {
        int[] r = ClassPreload.load();
        assertTrue(r[0] > 1000, "the list names " + r[0] + " classes");
        assertTrue(r[1] >= r[0] * 0.95, r[1] + " of the " + r[0] + " listed classes loaded: make the list again (see its header)");
    }
}
