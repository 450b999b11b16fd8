package io.walscope.ui.wizard;

import java.util.List;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.conn.PgUrl;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.HostPort;
import io.walscope.core.profile.TargetSessionAttrs;
import io.walscope.ui.Widgets;

/**
 * Page 1: name, host (one, or several for a primary and its standbys; a pasted postgresql:// URL fills the fields),
 * port, which server to use of several (target_session_attrs), database, user, password.
 */
final class ConnectionPage extends WizardPage {
    private final ConnectionWizard wizard;
    private Text name;
    private Text host;
    private Text port;
    private Text database;
    private Text user;
    private Text password;
    private Button savePassword;
    private Combo target;
    private boolean filling;
    /** A URL typed into Host key by key: the fields are filled from it when the user leaves Host (or presses Enter). */
    private boolean urlPending;
    private String hostBefore = "";
    private Label testResult;

    ConnectionPage(ConnectionWizard wizard) {
        super("connection", "Connection", null);
        this.wizard = wizard;
        setDescription("Where the PostgreSQL server is (several hosts: db1,db2) and who connects. Paste a postgresql:// URL"
                + " into Host to fill the fields.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        ConnectionProfile p = wizard.profile();
        name = field(c, "Name:", "wizard.name", p.getName());
        host = field(c, "Host:", "wizard.host", hostText(p));
        host.setToolTipText("One host, or several for a primary and its standbys: db1,db2 or db1:5432,db2:5433"
                + " (tried in order; a URL such as postgresql://db1:5432,db2:5432/shop?target_session_attrs=primary fills"
                + " every field)");
        port = field(c, "Port:", "wizard.port", String.valueOf(p.getPort()));
        new Label(c, SWT.NONE).setText("Server:");
        target = Widgets.name(new Combo(c, SWT.READ_ONLY), "wizard.target");
        for (TargetSessionAttrs t : TargetSessionAttrs.values()) {
            target.add(t.value());
        }
        target.setText(p.getTargetSessionAttrs().value());
        target.setToolTipText("Which of several hosts to use (libpq's target_session_attrs): 'primary' follows a"
                + " failover to the promoted standby; 'any' takes the first that answers.");
        database = field(c, "Database:", "wizard.database", p.getDatabase());
        user = field(c, "User:", "wizard.user", p.getUser());
        new Label(c, SWT.NONE).setText("Password:");
        password = Widgets.name(new Text(c, SWT.BORDER | SWT.PASSWORD), "wizard.password");
        password.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        if (wizard.secrets().password() != null) {
            password.setText(new String(wizard.secrets().password()));
        }
        new Label(c, SWT.NONE);
        savePassword = Widgets.name(new Button(c, SWT.CHECK), "wizard.savePassword");
        savePassword.setText("Save password (in Eclipse secure storage, never in a plain file)");
        savePassword.setSelection(p.isSavePassword());
        host.addListener(SWT.Modify, e -> {
            String now = host.getText();
            boolean pasted = now.length() - hostBefore.length() > 1; // typing adds one character at a time
            hostBefore = now;
            urlPending = false;
            if (!filling && PgUrl.looksLikeUrl(now.trim())) {
                if (pasted) {
                    fillFromUrl(now.trim());
                } else {
                    urlPending = true; // rewriting the field under the user's fingers would scramble the URL
                }
            }
            update();
        });
        host.addListener(SWT.FocusOut, e -> fillPendingUrl());
        host.addListener(SWT.DefaultSelection, e -> fillPendingUrl());
        for (Text t : new Text[] { name, port, database, user, password }) {
            t.addListener(SWT.Modify, e -> update());
        }
        savePassword.addListener(SWT.Selection, e -> update());
        target.addListener(SWT.Selection, e -> update());
        // DBeaver's habit: test right here, before the plugin and SSL pages (SSL settings from a URL apply)
        Button test = Widgets.name(new Button(c, SWT.PUSH), "wizard.page1.test");
        test.setText("Test Connection");
        testResult = Widgets.name(new Label(c, SWT.WRAP), "wizard.page1.test.result");
        GridData rd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        rd.widthHint = 380;
        testResult.setLayoutData(rd);
        test.addListener(SWT.Selection, e -> {
            fillPendingUrl();
            WizardTest.Outcome o = WizardTest.run(getContainer(), wizard);
            if (!testResult.isDisposed()) {
                testResult.setText(o.result() != null ? "Connected: " + o.result().summary() + "." : o.failure());
                testResult.setForeground(testResult.getDisplay().getSystemColor(o.result() != null ? SWT.COLOR_DARK_GREEN : SWT.COLOR_RED));
                c.layout(true, true);
            }
        });
        setControl(c);
        update();
    }

    private void fillPendingUrl() {
        if (urlPending && PgUrl.looksLikeUrl(host.getText().trim())) {
            urlPending = false;
            fillFromUrl(host.getText().trim());
            hostBefore = host.getText();
            update();
        }
    }

    /** The first page's test result (tests read it). */
    String testResultText() {
        return testResult.getText();
    }

    private Text field(Composite c, String label, String id, String value) {
        new Label(c, SWT.NONE).setText(label);
        Text t = Widgets.name(new Text(c, SWT.BORDER), id);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        t.setText(value);
        return t;
    }

    private void fillFromUrl(String url) {
        try {
            // service= names an entry of ~/.pg_service.conf (or PGSERVICEFILE), as in psql
            PgUrl.Parsed parsed = PgUrl.parse(url, wizard.profile(), System.getenv());
            filling = true;
            ConnectionProfile p = parsed.profile();
            host.setText(hostText(p));
            port.setText(String.valueOf(p.getPort()));
            target.setText(p.getTargetSessionAttrs().value());
            database.setText(p.getDatabase());
            user.setText(p.getUser());
            if (parsed.password() != null) {
                password.setText(parsed.password());
            }
            wizard.profile().setSslMode(p.getSslMode()).setSslRootCert(p.getSslRootCert()).setSslCert(p.getSslCert())
                    .setSslKey(p.getSslKey()).setApplicationName(p.getApplicationName())
                    .setConnectTimeout(p.getConnectTimeout());
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
        } finally {
            filling = false;
        }
    }

    /** The Host field of a profile: its host, or every host with its port ({@code db1:5432,db2:5433}). */
    static String hostText(ConnectionProfile p) {
        return p.isMultiHost() ? p.hostList() : p.getHost();
    }

    private void update() {
        String error = null;
        ConnectionProfile p = wizard.profile();
        p.setName(name.getText()).setDatabase(database.getText()).setUser(user.getText());
        p.setSavePassword(savePassword.getSelection());
        p.setTargetSessionAttrs(TargetSessionAttrs.parse(target.getText()));
        wizard.setPassword(password.getText().isEmpty() ? null : password.getText().toCharArray());
        try {
            int defaultPort = PgUrl.parsePort(port.getText());
            String h = host.getText().trim();
            p.setHosts(h.contains(",") ? HostPort.parseList(h, defaultPort) : List.of(new HostPort(h, defaultPort)));
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
        if (name.getText().isBlank()) {
            error = "Give the profile a name.";
        } else if (wizard.nameTaken(name.getText().trim())) {
            error = "A profile called \"" + name.getText().trim() + "\" exists already: choose another name.";
        } else if (host.getText().isBlank()) {
            error = "Enter the server's host name or address.";
        } else if (database.getText().isBlank()) {
            error = "Enter the database name.";
        } else if (user.getText().isBlank()) {
            error = "Enter the user name.";
        }
        if (error == null && urlPending) {
            error = "Finish the URL: its fields are filled in when you leave Host (or press Enter).";
        }
        setErrorMessage(error);
        setPageComplete(error == null);
        wizard.connectionChanged();
        if (testResult != null && !testResult.isDisposed() && wizard.lastTest() == null && !testResult.getText().isEmpty()) {
            testResult.setText(""); // the last result was about another connection
        }
    }
}
