package io.walscope.ui.setup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.check.Finding;
import io.walscope.core.pg.setup.SetupFacts.SslState;
import io.walscope.core.setup.SetupSql;
import io.walscope.core.setup.SetupStep;
import io.walscope.core.ssl.CertificateSet;
import io.walscope.ui.Widgets;

/**
 * The guide's optional SSL step: the server's SSL state, and the guide's certificate set made here with Bouncy
 * Castle (no openssl): a CA, a server certificate for the names clients use, a client certificate for the CDC user.
 * Shown with the postgresql.conf lines; Apply switches SSL on with ALTER SYSTEM once the files are in the data
 * directory (a reload from PostgreSQL 10).
 */
final class SslStepPage extends StepPage {
    private Label state;
    private Text dir;
    private Text names;
    private Text user;
    private Label files;
    /** The user name the page filled in itself (replaced when the CDC user changes, unless the user typed one). */
    private String autoUser = "";

    SslStepPage(SetupWizard wizard) {
        super(wizard, SetupStep.SSL);
    }

    @Override
    protected boolean checkable() {
        return false;
    }

    /** No findings of its own (yet): the page is the state, the generator and the preview. */
    @Override
    protected void createMiddle(Composite sash) {
    }

    @Override
    protected void createTop(Composite c) {
        state = Widgets.name(new Label(c, SWT.WRAP), "setup.ssl.state");
        GridData sd = new GridData(SWT.FILL, SWT.TOP, true, false);
        sd.widthHint = 900;
        state.setLayoutData(sd);
        Composite g = new Composite(c, SWT.NONE);
        g.setLayout(new GridLayout(3, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(g, SWT.NONE).setText("Write the certificate set to:");
        dir = Widgets.name(new Text(g, SWT.BORDER), "setup.ssl.dir");
        dir.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        dir.setText(Path.of(System.getProperty("user.home"), "walscope-ssl", safe(model().admin.getName())).toString());
        Button browse = new Button(g, SWT.PUSH);
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> {
            String d = new DirectoryDialog(getShell()).open();
            if (d != null) {
                dir.setText(d);
            }
        });
        new Label(g, SWT.NONE).setText("Server names (as clients connect):");
        names = Widgets.name(new Text(g, SWT.BORDER), "setup.ssl.names");
        names.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Set<String> n = new LinkedHashSet<>(List.of(model().admin.getHost(), "localhost", "127.0.0.1"));
        names.setText(String.join(", ", n));
        new Label(g, SWT.NONE).setText("Client certificate for user:");
        user = Widgets.name(new Text(g, SWT.BORDER), "setup.ssl.user");
        user.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button generate = Widgets.name(new Button(g, SWT.PUSH), "setup.ssl.generate");
        generate.setText("Generate certificates");
        generate.addListener(SWT.Selection, e -> generate());
        files = Widgets.name(new Label(c, SWT.WRAP), "setup.ssl.files");
        GridData fd = new GridData(SWT.FILL, SWT.TOP, true, false);
        fd.widthHint = 900;
        files.setLayoutData(fd);
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Makes the set off the display thread (three RSA keys take a moment). */
    void generate() {
        List<String> serverNames = new ArrayList<>();
        for (String s : names.getText().split(",")) {
            if (!s.isBlank()) {
                serverNames.add(s.strip());
            }
        }
        Path target = Path.of(dir.getText().trim());
        String u = user.getText().trim();
        CertificateSet[] out = new CertificateSet[1];
        String f = wizard.run(p -> {
            p.begin("Generating a CA, a server and a client certificate", 1);
            out[0] = CertificateSet.generate(target, serverNames, u, Duration.ofDays(365));
        });
        if (out[0] != null) {
            model().certificates = out[0];
        }
        say(f != null ? f : "Wrote " + out[0].files().size() + " files to " + out[0].dir() + ".");
        refreshTop();
    }

    @Override
    protected void refreshTop() {
        if (user.getText().equals(autoUser)) {
            autoUser = model().readerProfile().getUser();
            user.setText(autoUser);
        }
        SslState s = model().facts == null ? null : model().facts.ssl();
        state.setText(s == null ? Messages.NOT_CHECKED : "The server: " + s.describe() + "."
                + (s.dataDirectory() == null ? "" : " Data directory: " + s.dataDirectory() + "."));
        CertificateSet set = model().certificates;
        files.setText(set == null ? "No certificate set generated yet." : "Generated in " + set.dir() + ": "
                + String.join(", ", CertificateSet.FILE_NAMES) + " (server names " + String.join(", ", set.serverNames())
                + "; client CN " + set.clientUser() + "; valid until " + set.notAfter() + "). Copy ca.crt, server.crt"
                + " and server.key into the server's data directory (server.key owned by the server's user, mode 0600),"
                + " then Apply; keep ca.key safe. Clients use ca.crt with sslmode verify-full, and client.crt/client.key.");
        state.getParent().layout(true, true);
    }

    @Override
    protected List<Finding> chosen() {
        if (model().certificates == null || model().facts == null) {
            return List.of();
        }
        return List.of(SetupSql.sslOn("ca.crt", "server.crt", "server.key", model().facts.server().versionNum()));
    }

    @Override
    protected List<String> notes() {
        if (model().certificates == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(List.of("postgresql.conf (the guide's lines; Apply sets the same with ALTER SYSTEM):"));
        SetupSql.sslConfLines("ca.crt", "server.crt", "server.key").forEach(l -> out.add("  " + l));
        return out;
    }

    @Override
    protected String stateLine() {
        SslState s = model().facts == null ? null : model().facts.ssl();
        return s == null ? "" : s.on() ? "SSL is on." : "SSL is off (optional).";
    }
}
