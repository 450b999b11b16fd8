package io.walscope.core.output;

import java.util.Objects;

/**
 * Who writes an output file: the server (its system identifier), the database, the slot (null for a temporary
 * one, {@code "poll"} sources have none) and the line format. A file is continued only by the same writer; a
 * different one is refused with a sentence ({@link #refusal}).
 *
 * @param source {@code "slot"} for logical decoding, {@code "poll"} for timestamp polling
 * @param slot the slot's name, or null for a temporary slot (and for polling)
 * @param systemIdentifier the server's {@code system_identifier}, or null when unknown (then not compared)
 * @param database the database
 * @param plugin the decoding plugin (recorded, not compared: a named slot has one plugin)
 * @param format the line format ({@code jsonl}, {@code debezium}, ...)
 */
public record OutputIdentity(String source, String slot, String systemIdentifier, String database, String plugin,
        String format) {

    /** The identity of a tail from a slot ({@code slot} null: a temporary one). */
    public static OutputIdentity slot(String slot, String systemIdentifier, String database, String plugin,
            String format) {
        return new OutputIdentity("slot", slot, systemIdentifier, database, plugin, format);
    }

    /** The identity of timestamp polling. */
    public static OutputIdentity poll(String systemIdentifier, String database, String format) {
        return new OutputIdentity("poll", null, systemIdentifier, database, null, format);
    }

    /** True for a temporary slot: nothing can be resumed between runs. */
    public boolean temporary() {
        return "slot".equals(source) && slot == null;
    }

    /**
     * Why a file written by {@code found} must not be continued by this writer, as one sentence naming the cause
     * and the fix, or null when it may.
     *
     * @param name the file or directory as the user named it
     */
    public String refusal(OutputIdentity found, String name) {
        if (systemIdentifier != null && found.systemIdentifier != null
                && !systemIdentifier.equals(found.systemIdentifier)) {
            return name + " holds changes of another server (system identifier " + found.systemIdentifier
                    + ", this one is " + systemIdentifier + "): write to another file.";
        }
        if (!Objects.equals(database, found.database)) {
            return name + " holds changes of database \"" + found.database + "\", not \"" + database
                    + "\": write to another file, or tail database \"" + found.database + "\".";
        }
        if (!Objects.equals(source, found.source)) {
            return name + " was written by " + describe(found) + ", not by " + describe(this)
                    + ": write to another file.";
        }
        if (!Objects.equals(slot, found.slot)) {
            String fix = found.slot == null ? "leave out --slot to continue it" : "pass --slot " + found.slot
                    + " to continue it";
            return name + " was written from " + describe(found) + ", not " + describe(this) + ": " + fix
                    + ", or write to another file.";
        }
        if (!Objects.equals(format, found.format)) {
            return name + " holds " + found.format + " lines, not " + format + ": pass --format " + found.format
                    + " to continue it, or write to another file.";
        }
        return null;
    }

    private static String describe(OutputIdentity i) {
        if ("poll".equals(i.source)) {
            return "timestamp polling";
        }
        return i.slot == null ? "a temporary slot" : "slot \"" + i.slot + "\"";
    }
}
