package io.walscope.ui.setup;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.walscope.core.check.CheckOptions;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Scripts;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.setup.SetupFacts;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.setup.SetupStep;
import io.walscope.core.setup.VerifyResult;
import io.walscope.core.ssl.CertificateSet;

/**
 * What the setup wizard knows while it runs: the role that prepares the server (the profile it was opened on), the
 * CDC user that will read (the same role, or a dedicated one it made), the plugin and schemas, the latest checks of
 * both, the facts the pages show, the test's result, and the DBA script the pages collect. No SWT, no SQL.
 */
final class SetupModel {
    final ConnectionProfile admin;
    Secrets adminSecrets;
    Plugin plugin;
    final List<String> schemas;
    /** Further plugins to list in output_plugin_libraries. */
    final Set<Plugin> alsoAllow = new LinkedHashSet<>();
    CheckReport report;
    CheckReport readerReport;
    String readerError;
    SetupFacts facts;
    /** The role that reads (null: the admin itself). */
    ConnectionProfile reader;
    Secrets readerSecrets;
    VerifyResult verify;
    CertificateSet certificates;
    /** What each step did ("applied 3 statements", "in the DBA script"). */
    final Map<SetupStep, String> outcome = new EnumMap<>(SetupStep.class);
    private final Map<SetupStep, List<Finding>> script = new EnumMap<>(SetupStep.class);
    private final Map<SetupStep, List<String>> notes = new EnumMap<>(SetupStep.class);

    SetupModel(ConnectionProfile admin) {
        this.admin = admin.copy();
        this.plugin = admin.getPlugin().canTail() ? admin.getPlugin() : Plugin.PGOUTPUT;
        this.schemas = admin.getSchemas().isEmpty() ? List.of("public") : List.copyOf(admin.getSchemas());
    }

    CheckOptions options() {
        return CheckOptions.of(schemas, plugin);
    }

    /** Whether the preparing role is a superuser (as last read). */
    boolean superuser() {
        return facts != null && facts.server().superuser();
    }

    ConnectionProfile readerProfile() {
        return reader == null ? admin : reader;
    }

    Secrets readerSecrets() {
        return reader == null ? adminSecrets : readerSecrets;
    }

    /** The report that speaks about the reading role (the CDC user's own checks when it exists). */
    CheckReport readerOrAdminReport() {
        return reader != null && readerReport != null ? readerReport : report;
    }

    /** Replaces the step's part of the DBA script. */
    void toScript(SetupStep step, List<Finding> fixes, List<String> comments) {
        script.put(step, List.copyOf(fixes));
        notes.put(step, List.copyOf(comments));
        outcome.put(step, "in the DBA script");
    }

    boolean hasScript() {
        return !script.isEmpty();
    }

    /** The DBA script: per step its comments and its fixes (transactional ones in one transaction). */
    String script() {
        StringBuilder b = new StringBuilder("-- CDC setup of " + admin.describe() + " for " + plugin.id()
                + ", collected by Walscope's setup wizard. Review, then run it as a superuser.\n");
        for (Map.Entry<SetupStep, List<Finding>> e : script.entrySet()) {
            b.append("\n-- ").append(e.getKey().label()).append(" (source guide ").append(e.getKey().guideStep()).append(")\n");
            for (String n : notes.getOrDefault(e.getKey(), List.of())) {
                b.append("-- ").append(n).append('\n');
            }
            if (!e.getValue().isEmpty()) {
                b.append(Scripts.fixScript(e.getKey().title(), e.getValue()));
            }
        }
        return b.toString();
    }

    /** The steps that have a part in the script, for the summary. */
    List<SetupStep> scriptSteps() {
        return new ArrayList<>(script.keySet());
    }
}
