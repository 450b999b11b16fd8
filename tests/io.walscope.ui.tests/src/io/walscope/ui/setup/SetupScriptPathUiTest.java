package io.walscope.ui.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

import io.walscope.core.check.CheckId;
import io.walscope.core.check.Status;
import io.walscope.core.conn.Secrets;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.Plugin;
import io.walscope.core.profile.ProfileStore;
import io.walscope.core.profile.SecretStore;
import io.walscope.testbed.MemorySecretStore;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;

/**
 * The setup wizard for a role that may not change what the setup needs (no superuser, owns none of the tables):
 * Apply is refused on the pages with the reason, each page's changes go into one DBA script instead, the script
 * runs as a superuser (the test plays the DBA), and then Check again and the test step pass. Real widgets under
 * Xvfb on a Display of its own, a real PostgreSQL 16; screenshots of every page.
 */
class SetupScriptPathUiTest {
    private static final String PW = "app-dev-pw";

    @Test
    void aRoleWithoutRightsGetsADbaScript() throws Exception {
        TestServer s = PgTestBed.server("16");
        String db = s.createDatabase("script_path");
        // roles are the cluster's, shared by the run's tests: this test's own names
        String owner = "app_owner_" + db;
        String dev = "app_dev_" + db;
        s.sql(db, "CREATE ROLE " + owner + " NOLOGIN", "CREATE ROLE " + dev + " LOGIN PASSWORD '" + PW + "'",
                "CREATE SCHEMA app AUTHORIZATION " + owner, "GRANT USAGE, CREATE ON SCHEMA app TO " + dev,
                "GRANT CREATE ON DATABASE " + db + " TO " + dev,
                "CREATE TABLE app.items (id int PRIMARY KEY, name text)", "CREATE TABLE app.events (at timestamptz, what text)",
                "ALTER TABLE app.items OWNER TO " + owner, "ALTER TABLE app.events OWNER TO " + owner,
                "GRANT SELECT ON app.items, app.events TO " + dev);
        ConnectionProfile p = s.profile(db).setName("app-dev").setUser(dev).setSchemas(List.of("app"))
                .setPlugin(Plugin.PGOUTPUT);
        Path home = Files.createTempDirectory("walscope-setup-script-");
        ProfileStore profiles = new ProfileStore(home.resolve("profiles.json"));
        MemorySecretStore secrets = new MemorySecretStore();
        Display d = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        Shell parent = new Shell(d);
        try {
            SetupWizardBot bot = SetupWizardBot.open(parent, new SetupWizard(p, profiles, secrets, x -> Secrets.of(PW, null)));
            assertEquals("server", bot.pageName());
            assertEquals(Status.OK, bot.finding(CheckId.SERVER_WAL_LEVEL, "wal_level").status());
            bot.screenshot("setup-script-1-server");

            bot.next();
            assertEquals("user", bot.pageName());
            assertTrue(bot.sql().contains("CREATE ROLE cdc_reader WITH LOGIN REPLICATION"), bot.sql());
            assertFalse(bot.enabled("setup.user.apply"), "app_dev may not create a REPLICATION role");
            assertTrue(bot.status().contains("need a superuser"), bot.status());
            bot.screenshot("setup-script-2-user");
            assertTrue(bot.addToScript().startsWith("Added to the DBA script"), bot.status());
            assertTrue(profiles.find("app-dev-cdc_reader").isPresent(), "the CDC user's profile, for after the script");
            assertNotNull(secrets.get("app-dev-cdc_reader", SecretStore.Kind.PASSWORD));

            bot.next();
            assertEquals("tables", bot.pageName());
            assertEquals(List.of("app.events", "app.items"), bot.ticked("setup.tables.table"));
            assertTrue(bot.label("setup.tables.risk").contains("app.events"), bot.label("setup.tables.risk"));
            assertFalse(bot.enabled("setup.tables.apply"), "app_dev owns none of the tables");
            bot.addToScript();
            bot.screenshot("setup-script-3-tables");

            bot.next();
            assertEquals("publications", bot.pageName());
            assertEquals(Status.FAIL, bot.finding(CheckId.PUBLICATION_EXISTS, "dbz_publication").status());
            assertFalse(bot.enabled("setup.publications.apply"));
            bot.addToScript();
            bot.screenshot("setup-script-4-publications");

            bot.next();
            assertEquals("plugin", bot.pageName());
            bot.addToScript();
            bot.screenshot("setup-script-5-plugin");

            bot.next();
            assertEquals("test", bot.pageName());
            bot.apply();
            assertFalse(bot.wizard().model().verify.ok(), "before the DBA ran the script, cdc_reader does not exist");
            assertTrue(bot.testPage().verdictText().contains("cdc_reader"), bot.testPage().verdictText());
            bot.screenshot("setup-script-6-test-before");

            bot.next().next().next();
            assertEquals("summary", bot.pageName());
            assertTrue(bot.enabled("wizard.finish"), "the summary can finish");
            String script = bot.wizard().model().script();
            for (String part : List.of("CREATE ROLE cdc_reader WITH LOGIN REPLICATION", "ALTER ROLE cdc_reader WITH PASSWORD 'SCRAM-SHA-256$",
                    "ALTER TABLE app.events REPLICA IDENTITY FULL", "CREATE PUBLICATION dbz_publication FOR TABLE",
                    "host " + db + " cdc_reader 127.0.0.1/32 scram-sha-256", "BEGIN;", "COMMIT;")) {
                assertTrue(script.contains(part), part + " in\n" + script);
            }
            assertFalse(script.contains(new String(secrets.get("app-dev-cdc_reader", SecretStore.Kind.PASSWORD))),
                    "the password itself is never in the script");
            Path file = home.resolve("dba.sql");
            assertTrue(bot.summaryPage().saveScript(file).startsWith("Saved"));
            bot.screenshot("setup-script-7-summary");

            // the DBA runs the script
            try (Connection c = s.connect(db); Statement st = c.createStatement()) {
                st.execute(Files.readString(file));
            }

            bot.press("wizard.back").press("wizard.back").press("wizard.back");
            assertEquals("test", bot.pageName());
            bot.recheck();
            bot.apply();
            assertTrue(bot.wizard().model().verify.ok(), bot.testPage().verdictText() + "\n" + bot.testPage().outputText());
            assertEquals("cdc_reader", bot.wizard().model().verify.reader());
            bot.screenshot("setup-script-8-test-after");
            bot.press("wizard.back").press("wizard.back").press("wizard.back").press("wizard.back");
            assertEquals("user", bot.pageName());
            assertEquals(Status.OK, bot.finding(CheckId.ROLE_REPLICATION, "cdc_reader").status(), bot.findings().toString());
            bot.press("wizard.cancel");
        } finally {
            parent.dispose();
            d.dispose();
        }
    }
}
