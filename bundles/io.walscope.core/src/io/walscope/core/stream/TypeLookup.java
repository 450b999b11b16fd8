package io.walscope.core.stream;

import io.walscope.core.types.PgColumnType;

/**
 * The catalog's description of types that are not built in (domains, arrays of domains and composites, enums,
 * ranges, extension types), for the decoders: a domain column is converted as its base type on every plugin. The
 * stream reader implements it from the catalog; decoders ask once per type.
 */
public interface TypeLookup {
    /** Knows nothing: types that are not built in are carried as their text. */
    TypeLookup NONE = new TypeLookup() {
        @Override
        public PgColumnType byOid(int oid, int typmod) {
            return null;
        }

        @Override
        public PgColumnType byName(String formatType) {
            return null;
        }
    };

    /** The type with {@code oid} (a column's typmod applied), linked to its base/element/subtype; null if unknown. */
    PgColumnType byOid(int oid, int typmod);

    /**
     * The type as {@code format_type} names it ({@code posint}, {@code public.posint[]}, {@code "Odd"}), linked;
     * null if unknown.
     */
    PgColumnType byName(String formatType);
}
