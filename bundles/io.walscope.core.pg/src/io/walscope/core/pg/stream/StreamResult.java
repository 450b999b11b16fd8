package io.walscope.core.pg.stream;

/**
 * How a stream ended.
 *
 * @param events changes delivered (snapshot reads included)
 * @param transactions transactions committed
 * @param seconds from the stream's start to the last event
 * @param confirmedLsn the last LSN confirmed to the server (0 if none)
 * @param slot the slot's name
 * @param reconnects how many times the connection was re-established
 * @param reason why it stopped: max-events, until-lsn, cancelled, end (peek)
 */
public record StreamResult(long events, long transactions, double seconds, long confirmedLsn, String slot,
        int reconnects, String reason) {

    /** Events per second over {@link #seconds()}. */
    public double eventsPerSecond() {
        return seconds <= 0 ? 0 : events / seconds;
    }

    /** The CLI's final line: {@code events=N transactions=M seconds=S events_per_s=R}. */
    public String summaryLine() {
        return String.format(java.util.Locale.ROOT, "events=%d transactions=%d seconds=%.3f events_per_s=%.1f", events,
                transactions, seconds, eventsPerSecond());
    }
}
