package io.walscope.core.setup;

import java.util.List;

/**
 * What the test of a plugin found: whether the changes came back as written, and if not, one sentence why; the
 * decoded changes as {@code walscope tail} prints them; one line per expected change; what was cleaned up, and
 * the SQL for anything that could not be (empty when nothing is left on the server).
 *
 * @param reader  the role that created the slot and read the changes
 * @param changes the JSON lines of the test table's changes, in order
 */
public record VerifyResult(boolean ok, String reason, String plugin, String serverVersion, String reader, String table,
        String publication, String slot, List<String> changes, List<String> verdict, List<String> cleanup,
        List<String> leftovers, double seconds) {

    public VerifyResult {
        changes = List.copyOf(changes);
        verdict = List.copyOf(verdict);
        cleanup = List.copyOf(cleanup);
        leftovers = List.copyOf(leftovers);
    }

    /** True when the test left nothing on the server. */
    public boolean clean() {
        return leftovers.isEmpty();
    }
}
