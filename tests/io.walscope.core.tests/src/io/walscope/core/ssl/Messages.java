package io.walscope.core.ssl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

/** What every message for a person must be: one sentence, naming the file, with a fix, and no stack trace. */
final class Messages {
    private Messages() {
    }

    static void assertSentence(String m, Path file) {
        assertTrue(m != null && !m.isBlank(), "a message");
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.endsWith("."), "a sentence: " + m);
        assertTrue(m.contains(": "), "cause, then the fix after the colon: " + m);
        assertFalse(m.contains("Exception"), "no exception names: " + m);
        assertFalse(m.matches(".*\\bat [a-z]+\\.[a-z].*\\(.*"), "no stack frames: " + m);
        if (file != null) {
            assertTrue(m.contains(file.toString()), "names the file " + file + ": " + m);
        }
    }
}
