package io.walscope.core.setup;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.walscope.core.check.Sql;
import io.walscope.core.profile.Plugin;
import io.walscope.core.stream.Op;

/**
 * What {@code walscope verify} and the wizard's test step do, as SQL: a test table like the source guide's
 * {@code test_decode} (with REPLICA IDENTITY FULL, so before-images are tested too), a publication of it for
 * pgoutput, one insert, one update and one delete in transactions of their own, and the statements that drop
 * everything again. The slot is the stream's temporary one. The changes the plugin must send back are in
 * {@link #expected()}, as Walscope's canonical JSON. Pure: the SQL runs in {@code io.walscope.core.pg.setup}.
 */
public final class VerifyPlan {
    /** Every object the test makes starts with this. */
    public static final String PREFIX = "walscope_verify_";

    /** One change the plugin must send back: the values as canonical JSON text, by column. */
    public record Expected(Op op, Map<String, String> before, Map<String, String> after) {
        /** "insert uid=1" and so on. */
        public String describe() {
            return op.json() + " uid=1";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String schema;
    private final String name;
    private final Plugin plugin;

    public VerifyPlan(String schema, String name, Plugin plugin) {
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a test object's name starts with " + PREFIX);
        }
        this.schema = schema;
        this.name = name;
        this.plugin = plugin;
    }

    /** A plan with a fresh random name, so that two runs never meet. */
    public static VerifyPlan fresh(String schema, Plugin plugin) {
        return new VerifyPlan(schema, PREFIX + Long.toHexString(RANDOM.nextLong() & 0xffffffffffL), plugin);
    }

    public String schema() {
        return schema;
    }

    /** The test table's and the publication's name. */
    public String name() {
        return name;
    }

    public Plugin plugin() {
        return plugin;
    }

    /** {@code schema.table}, unquoted, as the stream names tables. */
    public String table() {
        return Sql.display(schema, name);
    }

    /** The publication pgoutput reads, or null for the other plugins. */
    public String publication() {
        return plugin == Plugin.PGOUTPUT ? name : null;
    }

    /** Creates the table (and the publication), in one transaction. */
    public List<String> create() {
        String t = Sql.qualified(schema, name);
        List<String> out = new ArrayList<>(List.of(
                "CREATE TABLE " + t + " (uid integer PRIMARY KEY, name varchar(50), age integer, score numeric)",
                "ALTER TABLE " + t + " REPLICA IDENTITY FULL"));
        if (publication() != null) {
            out.add("CREATE PUBLICATION " + Sql.ident(name) + " FOR TABLE " + t);
        }
        return out;
    }

    /** The three writes, each its own transaction, in order. */
    public List<String> writes() {
        String t = Sql.qualified(schema, name);
        return List.of("INSERT INTO " + t + " (uid, name, age, score) VALUES (1, 'Jack', 18, 89)",
                "UPDATE " + t + " SET name = 'Jack O''Neil', score = 95.5 WHERE uid = 1",
                "DELETE FROM " + t + " WHERE uid = 1");
    }

    /** Drops what {@link #create()} made; safe to run when some or all of it is gone. */
    public List<String> drop() {
        List<String> out = new ArrayList<>();
        if (publication() != null) {
            out.add("DROP PUBLICATION IF EXISTS " + Sql.ident(name));
        }
        out.add("DROP TABLE IF EXISTS " + Sql.qualified(schema, name));
        return out;
    }

    /** The changes the plugin must send back, in order. */
    public List<Expected> expected() {
        Map<String, String> inserted = row("\"Jack\"", "\"89\"");
        Map<String, String> updated = row("\"Jack O'Neil\"", "\"95.5\"");
        return List.of(new Expected(Op.INSERT, null, inserted), new Expected(Op.UPDATE, inserted, updated),
                new Expected(Op.DELETE, updated, null));
    }

    private static Map<String, String> row(String name, String score) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("uid", "1");
        m.put("name", name);
        m.put("age", "18");
        m.put("score", score);
        return m;
    }

    /** Everything the test does, for a preview: statements, and the slot as a comment. */
    public String script() {
        StringBuilder b = new StringBuilder("-- the test of the source guide's step 5, with " + plugin.id() + "\n");
        b.append("BEGIN;\n");
        create().forEach(s -> b.append(s).append(";\n"));
        b.append("COMMIT;\n");
        b.append("-- a temporary logical replication slot with ").append(plugin.id())
                .append(" is created on a replication connection (CREATE_REPLICATION_SLOT ... TEMPORARY LOGICAL ")
                .append(plugin.id()).append(")\n");
        writes().forEach(s -> b.append(s).append(";\n"));
        b.append("-- the changes are read back through the plugin (START_REPLICATION) and compared with what was written\n");
        drop().forEach(s -> b.append(s).append(";\n"));
        b.append("-- the slot goes with its connection (on 9.6, where slots cannot be temporary, it is dropped)\n");
        return b.toString();
    }
}
