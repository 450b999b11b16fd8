package io.walscope.ui.setup;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.CheckReport;
import io.walscope.core.check.Finding;
import io.walscope.core.pg.setup.SetupSession;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.setup.Passwords;
import io.walscope.core.setup.SetupStep;
import io.walscope.ui.Widgets;

/**
 * Step 2, the CDC user: a dedicated login role with REPLICATION and read grants, its password generated and kept
 * in secure storage (the server gets only its SCRAM verifier), saved as a connection profile of its own; or the
 * current role, checked. After the role exists, its own checks (REPLICATION, grants) are shown.
 */
final class UserPage extends StepPage {
    private Button dedicated;
    private Button current;
    private Text name;
    private Label info;
    private char[] password = Passwords.generate(24);
    private Finding create;
    private String createFor = "";

    UserPage(SetupWizard wizard) {
        super(wizard, SetupStep.USER);
    }

    @Override
    protected void createTop(Composite c) {
        Composite g = new Composite(c, SWT.NONE);
        g.setLayout(new GridLayout(3, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        dedicated = Widgets.name(new Button(g, SWT.RADIO), "setup.user.dedicated");
        dedicated.setText("Create a dedicated CDC user:");
        name = Widgets.name(new Text(g, SWT.BORDER), "setup.user.name");
        name.setText("cdc_reader");
        GridData nd = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        nd.widthHint = 200;
        name.setLayoutData(nd);
        new Label(g, SWT.NONE).setText("(LOGIN REPLICATION, USAGE and SELECT on " + String.join(", ", model().schemas) + ")");
        current = Widgets.name(new Button(g, SWT.RADIO), "setup.user.current");
        current.setText("Use the current user " + model().admin.getUser() + " (checked below)");
        current.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 3, 1));
        dedicated.setSelection(true);
        dedicated.addListener(SWT.Selection, e -> modeChanged());
        current.addListener(SWT.Selection, e -> modeChanged());
        name.addListener(SWT.Modify, e -> updatePreview());
        info = Widgets.name(new Label(c, SWT.WRAP), "setup.user.info");
        GridData id = new GridData(SWT.FILL, SWT.TOP, true, false);
        id.widthHint = 900;
        info.setLayoutData(id);
    }

    private void modeChanged() {
        if (current.getSelection()) {
            wizard.useAdminAsReader();
        }
        name.setEnabled(dedicated.getSelection());
        refresh();
    }

    private boolean makesUser() {
        return dedicated != null && dedicated.getSelection();
    }

    private String userName() {
        return name.getText().trim();
    }

    @Override
    protected CheckReport report() {
        return makesUser() ? model().readerReport : model().report;
    }

    @Override
    protected List<Finding> shown() {
        if (makesUser() && (model().reader == null || !model().reader.getUser().equals(userName()))) {
            return List.of();
        }
        return super.shown();
    }

    @Override
    protected List<Finding> chosen() {
        if (!makesUser()) {
            return super.chosen();
        }
        if (userName().isEmpty() || model().facts == null) {
            return List.of();
        }
        if (create == null || !createFor.equals(userName())) {
            try {
                create = SetupSession.cdcUser(userName(), model().schemas, password, model().facts.passwordEncryption(),
                        model().superuser());
                createFor = userName();
            } catch (WalscopeException e) {
                return List.of();
            }
        }
        // once the user exists and its own checks pass, there is nothing left to create
        if (model().reader != null && model().reader.getUser().equals(userName()) && model().readerReport != null
                && step.findings(model().readerReport).stream().noneMatch(f -> f.status() == io.walscope.core.check.Status.FAIL)) {
            return super.chosen();
        }
        return List.of(create);
    }

    @Override
    protected String stateLine() {
        if (makesUser() && (model().reader == null || !model().reader.getUser().equals(userName()))) {
            return userName() + " is not made yet.";
        }
        if (makesUser() && model().readerError != null) {
            return userName() + " cannot connect yet.";
        }
        return super.stateLine();
    }

    @Override
    protected void refreshTop() {
        if (makesUser()) {
            ConnectionProfile r = model().reader;
            info.setText(r != null && r.getUser().equals(userName())
                    ? (model().readerError != null ? userName() + " cannot connect yet: " + model().readerError
                            : userName() + " connects as profile \"" + r.getName() + "\" (password in secure storage); its own"
                                    + " checks are below.")
                    : "Apply creates " + userName() + " with a generated password (kept in secure storage, sent to the"
                            + " server only as its " + (model().facts == null ? "verifier" : model().facts.passwordEncryption()
                            + " verifier") + ") and a connection profile for it; the steps after this one read as it.");
        } else {
            info.setText("The checks below are about " + model().admin.getUser() + ".");
        }
        info.getParent().layout(true, true);
    }

    @Override
    protected void applyPressed() {
        if (!makesUser() || chosen().isEmpty() || chosen().get(0) != create) {
            super.applyPressed();
            return;
        }
        String said = wizard.apply(step, List.of(create));
        if (said.startsWith("Applied") && !said.contains("need a superuser")) {
            String f = wizard.adoptReader(readerProfile(), password);
            said = f != null ? f : said + " " + userName() + " exists; its profile is \"" + readerProfile().getName() + "\".";
            wizard.recheck();
        }
        say(said);
    }

    @Override
    protected void scriptPressed() {
        super.scriptPressed();
        if (makesUser() && !chosen().isEmpty() && chosen().get(0) == create) {
            // the DBA runs the script; Walscope keeps the password so that "Check again" can connect as the user then
            String f = wizard.adoptReader(readerProfile(), password);
            if (f != null) {
                say(f);
            }
        }
    }

    private ConnectionProfile readerProfile() {
        return SetupSession.as(model().admin, model().admin.getName() + "-" + userName(), userName());
    }

    /** For tests: the generated password is never shown, but the profile it was saved under is. */
    String readerProfileName() {
        return readerProfile().getName();
    }
}
