package io.walscope.ui.wizard;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.conn.PgUrl;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.Widgets;

/** Page 1: name, host (a pasted postgresql:// URL fills the fields), port, database, user, password. */
final class ConnectionPage extends WizardPage {
    private final ConnectionWizard wizard;
    private Text name;
    private Text host;
    private Text port;
    private Text database;
    private Text user;
    private Text password;
    private Button savePassword;
    private boolean filling;

    ConnectionPage(ConnectionWizard wizard) {
        super("connection", "Connection", null);
        this.wizard = wizard;
        setDescription("Where the PostgreSQL server is and who connects. Paste a postgresql:// URL into Host to fill the fields.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        ConnectionProfile p = wizard.profile();
        name = field(c, "Name:", "wizard.name", p.getName());
        host = field(c, "Host:", "wizard.host", p.getHost());
        port = field(c, "Port:", "wizard.port", String.valueOf(p.getPort()));
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
            if (!filling && PgUrl.looksLikeUrl(host.getText().trim())) {
                fillFromUrl(host.getText().trim());
            }
            update();
        });
        for (Text t : new Text[] { name, port, database, user, password }) {
            t.addListener(SWT.Modify, e -> update());
        }
        savePassword.addListener(SWT.Selection, e -> update());
        setControl(c);
        update();
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
            PgUrl.Parsed parsed = PgUrl.parse(url, wizard.profile());
            filling = true;
            ConnectionProfile p = parsed.profile();
            host.setText(p.getHost());
            port.setText(String.valueOf(p.getPort()));
            database.setText(p.getDatabase());
            user.setText(p.getUser());
            if (parsed.password() != null) {
                password.setText(parsed.password());
            }
            wizard.profile().setSslMode(p.getSslMode()).setSslRootCert(p.getSslRootCert()).setSslCert(p.getSslCert())
                    .setSslKey(p.getSslKey());
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
        } finally {
            filling = false;
        }
    }

    private void update() {
        String error = null;
        ConnectionProfile p = wizard.profile();
        p.setName(name.getText()).setHost(host.getText()).setDatabase(database.getText()).setUser(user.getText());
        p.setSavePassword(savePassword.getSelection());
        wizard.setPassword(password.getText().isEmpty() ? null : password.getText().toCharArray());
        try {
            p.setPort(PgUrl.parsePort(port.getText()));
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
        setErrorMessage(error);
        setPageComplete(error == null);
        wizard.connectionChanged();
    }
}
