package io.walscope.core.pg.catalog;

import java.util.List;

import io.walscope.core.types.Status;

/**
 * The ClickHouse table for a PostgreSQL table's mapped columns, as a CDC target:
 * <pre>
 * CREATE TABLE `shop`.`products`
 * (
 *     `id` Int32,
 *     `price` Decimal(12, 2),
 *     `exact_weight` Nullable(Decimal(76, 38)), -- lossy: unbounded numeric: ...
 *     `_lsn` UInt64,
 *     `_deleted` UInt8
 * )
 * ENGINE = ReplacingMergeTree(_lsn)
 * ORDER BY (`id`);
 * </pre>
 * The choice: every change becomes an inserted row; {@code ReplacingMergeTree} keeps, per sorting key, the row
 * with the highest version, and the version is the commit LSN of the change ({@code _lsn}), which only grows, so
 * the latest change of a row wins even when batches arrive out of order or twice. The sorting key is the primary
 * key, so one key is one row after merges. A DELETE is inserted as a row with {@code _deleted = 1}; readers use
 * {@code FINAL} (or {@code argMax}) and {@code WHERE _deleted = 0}. ({@code ReplacingMergeTree(_lsn, _deleted)},
 * ClickHouse 23.2+, can also drop deleted rows at merge time; the plain form works on every version.)
 * <p>
 * A table without a primary key has nothing to replace on: it gets {@code ORDER BY tuple()} and a comment saying
 * that every change stays a separate row. Lossy and unsupported columns carry their reason as a comment.
 */
public final class ClickHouseDdl {
    private ClickHouseDdl() {
    }

    /** The CREATE TABLE statement (ending in ";" and a newline). */
    public static String of(CatalogTable t) {
        StringBuilder b = new StringBuilder();
        List<CatalogColumn> key = t.primaryKey();
        if (key.isEmpty()) {
            b.append("-- ").append(t.qualifiedName()).append(" has no primary key: ReplacingMergeTree has no key to\n")
                    .append("-- replace on, so every INSERT, UPDATE and DELETE stays a separate row and FINAL cannot\n")
                    .append("-- collapse them. Add a primary key in PostgreSQL (it also gives UPDATE/DELETE a\n")
                    .append("-- replica identity), or edit ORDER BY to columns that identify a row.\n");
        }
        b.append("CREATE TABLE ").append(quote(t.schema())).append('.').append(quote(t.name())).append("\n(\n");
        for (CatalogColumn c : t.columns()) {
            b.append("    ").append(quote(c.name())).append(' ').append(c.mapping().clickhouse()).append(',');
            if (c.mapping().status() != Status.FULL) {
                b.append(" -- ").append(c.mapping().status().label()).append(": ")
                        .append(c.mapping().note().replace('\n', ' '));
            }
            b.append('\n');
        }
        b.append("    `_lsn` UInt64,\n    `_deleted` UInt8\n)\nENGINE = ReplacingMergeTree(_lsn)\nORDER BY ");
        if (key.isEmpty()) {
            b.append("tuple()");
        } else {
            b.append('(');
            for (int i = 0; i < key.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(quote(key.get(i).name()));
            }
            b.append(')');
        }
        return b.append(";\n").toString();
    }

    /** A ClickHouse identifier in back quotes. */
    public static String quote(String id) {
        return '`' + id.replace("\\", "\\\\").replace("`", "\\`") + '`';
    }
}
