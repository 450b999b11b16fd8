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
 * A table without a primary key is ordered by all its columns (except maps, which cannot be keys), so a row is
 * identified by its whole image: {@code ORDER BY tuple()} would make all rows one under {@code FINAL}. Lossy and unsupported columns carry their reason as a comment.
 */
public final class ClickHouseDdl {
    private ClickHouseDdl() {
    }

    /** The CREATE TABLE statement (ending in ";" and a newline). */
    public static String of(CatalogTable t) {
        StringBuilder b = new StringBuilder();
        List<CatalogColumn> key = t.primaryKey();
        if (key.isEmpty()) {
            b.append("-- ").append(t.qualifiedName()).append(" has no primary key: the sorting key is every column, so a\n")
                    .append("-- row is its whole image (identical rows in PostgreSQL are one row here). UPDATE and\n")
                    .append("-- DELETE need REPLICA IDENTITY FULL to reach ClickHouse: the stream then deletes the old\n")
                    .append("-- image. Add a primary key in PostgreSQL to keep duplicates apart.\n");
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
            // ORDER BY tuple() would make every row one under FINAL: order by the whole row (maps cannot be keys)
            List<CatalogColumn> all = t.columns().stream().filter(c -> !c.mapping().clickhouse().contains("Map(")).toList();
            b.append(all.isEmpty() ? "tuple()" : "(");
            for (int i = 0; i < all.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(quote(all.get(i).name()));
            }
            b.append(all.isEmpty() ? "" : ")");
            if (all.stream().anyMatch(c -> c.mapping().clickhouse().contains("Nullable("))) {
                b.append("\nSETTINGS allow_nullable_key = 1");
            }
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
