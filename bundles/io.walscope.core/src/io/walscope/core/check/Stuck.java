package io.walscope.core.check;

/**
 * Why a slot does not advance: one of the {@code cause} constants, with what identifies the culprit (fields that do
 * not apply are null). {@code message} says it in a sentence.
 */
public record Stuck(String cause, String message, String inactiveSince, Integer pid, String xactStart,
        String queryStart, String gid, String database, String standby) {
    /** Nobody reads the slot (no walsender holds it). */
    public static final String CONSUMER_INACTIVE = "consumer_inactive";
    /** An open transaction holding a transaction id keeps restart_lsn where it began. */
    public static final String OLD_TRANSACTION = "old_transaction";
    /** A prepared transaction keeps restart_lsn where it began. */
    public static final String PREPARED_TRANSACTION = "prepared_transaction";
    /** The slot's database writes nothing while the cluster writes WAL: nothing for the consumer to confirm. */
    public static final String IDLE_DATABASE = "idle_database";
    /** A standby's hot_standby_feedback holds the slot's xmin. */
    public static final String STANDBY_FEEDBACK = "standby_feedback";
}
