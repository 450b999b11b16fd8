package io.walscope.core.pg.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.walscope.core.WalscopeException;
import io.walscope.core.pg.catalog.CatalogReader;
import io.walscope.core.stream.TypeLookup;
import io.walscope.core.types.PgColumnType;

/**
 * Types that are not built in, from the catalog, for the decoders: found types are kept (an OID names one type for
 * its life); a type not found (yet) or a failed query is asked again after {@link #RETRY_NANOS}, never remembered
 * for good.
 */
final class StreamTypes implements TypeLookup {
    static final long RETRY_NANOS = 5_000_000_000L;
    private final Connection sql;
    private CatalogReader reader;
    private final Map<Long, PgColumnType> byOid = new HashMap<>();
    private final Map<String, Integer> oidByName = new HashMap<>();
    private final Map<Object, Long> missedAt = new HashMap<>();

    StreamTypes(Connection sql) {
        this.sql = sql;
    }

    @Override
    public PgColumnType byOid(int oid, int typmod) {
        long k = (long) oid << 32 | (typmod & 0xFFFFFFFFL);
        PgColumnType t = byOid.get(k);
        if (t != null || recentlyMissed(k)) {
            return t;
        }
        try {
            if (reader == null) {
                reader = new CatalogReader(sql);
            }
            t = reader.type(oid & 0xFFFFFFFFL, typmod);
        } catch (SQLException | WalscopeException e) {
            t = null;
        }
        if (t == null) {
            missedAt.put(k, System.nanoTime());
        } else {
            byOid.put(k, t);
        }
        return t;
    }

    @Override
    public PgColumnType byName(String formatType) {
        Integer oid = oidByName.get(formatType);
        if (oid == null) {
            if (recentlyMissed(formatType)) {
                return null;
            }
            try (PreparedStatement ps = sql.prepareStatement("SELECT to_regtype(?)::oid::int8")) {
                ps.setString(1, formatType);
                try (ResultSet rs = ps.executeQuery()) {
                    long o = rs.next() ? rs.getLong(1) : 0;
                    oid = o == 0 ? null : (int) o;
                }
            } catch (SQLException e) {
                oid = null;
            }
            if (oid == null) {
                missedAt.put(formatType, System.nanoTime());
                return null;
            }
            oidByName.put(formatType, oid);
        }
        return byOid(oid, -1);
    }

    private boolean recentlyMissed(Object k) {
        Long at = missedAt.get(k);
        if (at == null) {
            return false;
        }
        if (System.nanoTime() - at < RETRY_NANOS) {
            return true;
        }
        missedAt.remove(k);
        return false;
    }
}
