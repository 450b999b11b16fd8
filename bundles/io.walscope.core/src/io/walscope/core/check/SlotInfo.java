package io.walscope.core.check;

/**
 * One replication slot of the server, with what the server version tells about it ({@code null} where
 * the version does not have the column).
 *
 * @param retainedBytes WAL the slot keeps: current WAL position minus {@code restart_lsn}; {@code null} when
 *                      the slot reserves no WAL yet
 * @param walStatus     PG 13+: reserved, extended, unreserved, lost
 * @param safeWalSize   PG 13+: bytes that can still be written before the slot is in danger of losing WAL
 * @param inactiveSince PG 17+: since when the slot is unused, as the server prints it
 */
public record SlotInfo(String name, String plugin, String slotType, String database, boolean temporary,
        boolean active, Integer activePid, String restartLsn, String confirmedFlushLsn, Long retainedBytes,
        String walStatus, Long safeWalSize, String inactiveSince) {

    /** The retained WAL for people: {@code 1.4 GiB}, or {@code -}. */
    public String retainedPretty() {
        return retainedBytes == null ? "-" : Bytes.pretty(retainedBytes);
    }
}
