package io.walscope.core.stream;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.io.SerializedString;

import io.walscope.core.types.ValueConverter;

/** A table as pgoutput's Relation message describes it, with the converter of each column. */
final class PgOutputRelation implements Replay {
    final int id;
    final String schema;
    final String table;
    final char replicaIdentity;
    final String[] names;
    final int[] typeOids;
    final int[] typmods;
    final boolean[] identity;
    final ValueConverter[] converters;
    int[] keyIdx;
    private SerializedString[] jsonNames;

    PgOutputRelation(int id, String schema, String table, char replicaIdentity, int n) {
        this.id = id;
        this.schema = schema;
        this.table = table;
        this.replicaIdentity = replicaIdentity;
        this.names = new String[n];
        this.typeOids = new int[n];
        this.typmods = new int[n];
        this.identity = new boolean[n];
        this.converters = new ValueConverter[n];
    }

    /** Column {@code i}'s name as a JSON field name, encoded once. */
    SerializedString jsonName(int i) {
        if (jsonNames == null) {
            jsonNames = new SerializedString[names.length];
        }
        SerializedString s = jsonNames[i];
        if (s == null) {
            s = jsonNames[i] = new SerializedString(names[i]);
        }
        return s;
    }

    /**
     * Key columns from the plugin's own data: the replica identity columns the Relation message flags (the primary
     * key, or the REPLICA IDENTITY USING INDEX columns, as the server decoded the change); the catalog's key only
     * where the message flags none or every column (REPLICA IDENTITY NOTHING / FULL).
     */
    void resolveKey(KeyColumns keys) {
        int c = 0;
        for (boolean b : identity) {
            c += b ? 1 : 0;
        }
        if (c > 0 && replicaIdentity != 'f') {
            keyIdx = new int[c];
            c = 0;
            for (int i = 0; i < identity.length; i++) {
                if (identity[i]) {
                    keyIdx[c++] = i;
                }
            }
            return;
        }
        keyIdx = null;
        List<String> k = keys.keyColumns(schema, table);
        if (k != null && !k.isEmpty()) {
            int[] idx = new int[k.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = List.of(names).indexOf(k.get(i));
                if (idx[i] < 0) {
                    return;
                }
            }
            keyIdx = idx;
        }
    }

    /** Decodes a copy of a row message of this relation again (see {@link ChangeEvent#replay()}). */
    @Override
    public ChangeEvent decode(byte[] message, long lsn, Transaction tx) throws IOException {
        byte type = message.length < 5 ? 0 : message[0];
        if (type != 'I' && type != 'U' && type != 'D' || PgOutputDecoder.i32(message, 1) != id) {
            throw new IOException("not a pgoutput row message of relation " + (id & 0xFFFFFFFFL) + " (" + schema
                    + "." + table + ")");
        }
        return new PgOutputRows().read(type, lsn, tx, message, 1, this);
    }
}
