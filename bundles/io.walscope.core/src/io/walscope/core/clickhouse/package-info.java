/**
 * ClickHouse as a CDC target: {@link io.walscope.core.clickhouse.ClickHouseWriter} writes each change as a flat
 * {@code JSONEachRow} row for Walscope's ClickHouse DDL ({@code _lsn}, {@code _deleted}, {@code _table}), with every
 * value in the form ClickHouse reads for the mapped column type ({@link io.walscope.core.clickhouse.ChCodec}: the
 * substitute rules for values the type cannot hold, so that no row is refused).
 */
package io.walscope.core.clickhouse;
