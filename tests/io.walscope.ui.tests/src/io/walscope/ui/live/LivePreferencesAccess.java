package io.walscope.ui.live;

/** Test access to the live view's package-private rules. */
public final class LivePreferencesAccess {
    private LivePreferencesAccess() {
    }

    public static int maxBufferMb(long maxHeapBytes) {
        return LivePreferences.maxBufferMb(maxHeapBytes);
    }
}
