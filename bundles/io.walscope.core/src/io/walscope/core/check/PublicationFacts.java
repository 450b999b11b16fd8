package io.walscope.core.check;

/**
 * A publication that exists on the database.
 *
 * @param storedGenerated PG 18+: {@code publish_generated_columns = stored} (pgoutput then sends stored generated
 *                        columns; it never did before 18)
 */
public record PublicationFacts(String name, boolean allTables, boolean viaRoot, boolean owned, boolean storedGenerated) {

    /** A publication that does not publish generated columns. */
    public PublicationFacts(String name, boolean allTables, boolean viaRoot, boolean owned) {
        this(name, allTables, viaRoot, owned, false);
    }
}
