package io.walscope.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.walscope.core.profile.Plugin;

/**
 * Judges generated columns: {@code table.generated_columns}. A VIRTUAL generated column (PostgreSQL 18) is computed
 * when read and never written to the WAL, so no plugin can send its value; a STORED one is in the WAL, and every
 * plugin but pgoutput sends it — pgoutput only from PostgreSQL 18, when the publication says
 * {@code publish_generated_columns = stored}. Only tables with generated columns get a finding. Pure.
 */
public final class GeneratedColumnRules {
    private GeneratedColumnRules() {
    }

    public static List<Finding> judge(List<TableFacts> tables, Map<String, PublicationFacts> pubs, Plugin plugin,
            int versionNum) {
        List<Finding> out = new ArrayList<>();
        for (TableFacts t : tables) {
            if (t.isPartitionedRoot() || (t.storedGenerated().isEmpty() && t.virtualGenerated().isEmpty())) {
                continue;
            }
            out.add(judge(t, pubs, plugin, versionNum));
        }
        return out;
    }

    static Finding judge(TableFacts t, Map<String, PublicationFacts> pubs, Plugin plugin, int versionNum) {
        String id = CheckId.TABLE_GENERATED_COLUMNS;
        if (!t.virtualGenerated().isEmpty()) {
            return new Finding(id, Status.WARN, t.subject(), names(t.virtualGenerated()) + " of " + t.subject()
                    + (t.virtualGenerated().size() == 1 ? " is a" : " are") + " VIRTUAL generated column"
                    + (t.virtualGenerated().size() == 1 ? "" : "s") + ": computed when read and never written to the WAL,"
                    + " so logical decoding sends NULL (test_decoding, wal2json, decoderbufs) or leaves "
                    + (t.virtualGenerated().size() == 1 ? "it" : "them") + " out (pgoutput). Compute "
                    + (t.virtualGenerated().size() == 1 ? "it" : "them") + " downstream, or make "
                    + (t.virtualGenerated().size() == 1 ? "it" : "them") + " STORED.", null);
        }
        String cols = names(t.storedGenerated());
        if (plugin != Plugin.PGOUTPUT) {
            return Finding.ok(id, t.subject(), plugin.id() + " sends the stored generated column" + plural(t) + " " + cols + ".");
        }
        if (versionNum < 180000) {
            return new Finding(id, Status.INFO, t.subject(), "pgoutput does not send stored generated columns before"
                    + " PostgreSQL 18: " + cols + " will be missing (test_decoding, wal2json and decoderbufs send them);"
                    + " compute " + (t.storedGenerated().size() == 1 ? "it" : "them") + " downstream.", null);
        }
        List<String> lacking = new ArrayList<>();
        for (String p : t.publications()) {
            PublicationFacts pf = pubs.get(p);
            if (pf != null && !pf.storedGenerated()) {
                lacking.add(p);
            }
        }
        if (t.publications().isEmpty() || lacking.isEmpty()) {
            return Finding.ok(id, t.subject(), t.publications().isEmpty()
                    ? "Stored generated column" + plural(t) + " " + cols + ": publish the table with"
                            + " publish_generated_columns = stored to receive " + (t.storedGenerated().size() == 1 ? "it." : "them.")
                    : "pgoutput sends " + cols + " (publish_generated_columns = stored).");
        }
        List<String> sql = new ArrayList<>();
        boolean superuser = false;
        for (String p : lacking) {
            sql.add("ALTER PUBLICATION " + Sql.ident(p) + " SET (publish_generated_columns = stored)");
            superuser |= !pubs.get(p).owned();
        }
        return new Finding(id, Status.WARN, t.subject(), "pgoutput leaves out the stored generated column" + plural(t)
                + " " + cols + ": publication" + (lacking.size() == 1 ? " " : "s ") + String.join(", ", lacking)
                + " do" + (lacking.size() == 1 ? "es" : "") + " not say publish_generated_columns = stored.",
                new Fix(sql, false, superuser, true, false));
    }

    private static String plural(TableFacts t) {
        return t.storedGenerated().size() == 1 ? "" : "s";
    }

    private static String names(List<String> cols) {
        return String.join(", ", cols);
    }
}
