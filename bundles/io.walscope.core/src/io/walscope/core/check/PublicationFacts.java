package io.walscope.core.check;

/** A publication that exists on the database. */
public record PublicationFacts(String name, boolean allTables, boolean viaRoot, boolean owned) {
}
