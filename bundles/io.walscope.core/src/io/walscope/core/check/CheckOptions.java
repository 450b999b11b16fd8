package io.walscope.core.check;

import java.util.List;
import java.util.Objects;

import io.walscope.core.profile.Plugin;

/**
 * What to check: the schemas, the plugin, the publication names and the retained-WAL threshold.
 *
 * @param publication     the publication of ordinary tables (default {@code dbz_publication}, as the seed)
 * @param rootPublication the publication of partitioned roots, with {@code publish_via_partition_root = true}
 *                        (default {@code dbz_publication_root}; PG 13+)
 * @param walWarnBytes    slot.retained_wal warns above this (default 1 GiB)
 * @param prove           run the proofs that act on the server (temporary slot, replication connection)
 */
public record CheckOptions(List<String> schemas, Plugin plugin, String publication, String rootPublication,
        long walWarnBytes, boolean prove) {
    public static final String DEFAULT_PUBLICATION = "dbz_publication";
    public static final String DEFAULT_ROOT_PUBLICATION = "dbz_publication_root";

    public CheckOptions {
        schemas = List.copyOf(schemas);
        Objects.requireNonNull(plugin);
    }

    public static CheckOptions of(List<String> schemas, Plugin plugin) {
        return new CheckOptions(schemas, plugin, DEFAULT_PUBLICATION, DEFAULT_ROOT_PUBLICATION, Bytes.GIB, true);
    }

    public CheckOptions withWalWarnBytes(long bytes) {
        return new CheckOptions(schemas, plugin, publication, rootPublication, bytes, prove);
    }

    public CheckOptions withProve(boolean p) {
        return new CheckOptions(schemas, plugin, publication, rootPublication, walWarnBytes, p);
    }

    /** True when the plugin reads a publication (pgoutput). */
    public boolean usesPublications() {
        return plugin == Plugin.PGOUTPUT;
    }
}
