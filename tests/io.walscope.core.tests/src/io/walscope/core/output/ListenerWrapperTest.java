package io.walscope.core.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.Test;

import io.walscope.core.stream.ChangeListener;

/**
 * A listener that wraps a writer must pass on every callback, the defaults included: a default left out is silently
 * swallowed (a snapshot's start and end were, and Debezium's snapshot markers went wrong behind a file output).
 */
class ListenerWrapperTest {
    @Test
    void exactlyOnceListenerPassesOnEveryCallback() {
        for (Method m : ChangeListener.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                ExactlyOnceListener.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                assertTrue(false, "ExactlyOnceListener does not override ChangeListener." + m.getName());
            }
        }
    }
}
