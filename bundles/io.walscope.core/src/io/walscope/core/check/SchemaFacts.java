package io.walscope.core.check;

/** A chosen schema: whether it exists and whether the login role may use it. */
public record SchemaFacts(String name, boolean exists, boolean usage) {
}
