package io.walscope.core.check;

/**
 * One standby streaming from this server, as {@code pg_stat_replication} shows it.
 *
 * @param slot       the physical slot it streams from, or {@code null}
 * @param lagBytes   this server's WAL position minus what the standby replayed ({@code null} when not visible)
 * @param lagSeconds {@code replay_lag} in seconds (10+; {@code null} when idle or not visible)
 */
public record StandbyInfo(String name, String address, String state, String syncState, String slot, Long lagBytes,
        Double lagSeconds) {

    /** {@code standby1 (127.0.0.1, streaming, async, lag 0 bytes)}. */
    public String describe() {
        StringBuilder b = new StringBuilder(name == null || name.isEmpty() ? "standby" : name).append(" (");
        b.append(address == null ? "local" : address).append(", ").append(state == null ? "?" : state);
        if (syncState != null) {
            b.append(", ").append(syncState);
        }
        if (slot != null) {
            b.append(", slot ").append(slot);
        }
        b.append(", lag ").append(lagBytes == null ? "unknown" : Bytes.pretty(lagBytes));
        if (lagSeconds != null) {
            b.append(String.format(java.util.Locale.ROOT, " / %.1f s", lagSeconds));
        }
        return b.append(')').toString();
    }
}
