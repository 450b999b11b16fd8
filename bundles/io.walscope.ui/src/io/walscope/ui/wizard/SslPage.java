package io.walscope.ui.wizard;

import java.time.Instant;
import java.util.List;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.SslMode;
import io.walscope.core.ssl.FileReport;
import io.walscope.core.ssl.SslInspection;
import io.walscope.ui.FileField;
import io.walscope.ui.Widgets;

/**
 * Page 3: SSL mode and the CA, client certificate and client key files, with what Walscope read from each
 * (subject, issuer, validity — red when expired —, key type, size and format, whether key and certificate match).
 */
final class SslPage extends WizardPage {
    private final ConnectionWizard wizard;
    private Combo mode;
    private FileField ca;
    private FileField cert;
    private FileField key;
    private Text keyPassword;
    private Label caInfo;
    private Label certInfo;
    private Label keyInfo;
    private Label matchInfo;
    private boolean modeTouched;

    SslPage(ConnectionWizard wizard) {
        super("ssl", "SSL", null);
        this.wizard = wizard;
        setDescription("Encryption and certificates. Any key form works: PEM or DER, PKCS#1 or PKCS#8, encrypted or not, RSA or EC, PKCS#12.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        ConnectionProfile p = wizard.profile();
        new Label(c, SWT.NONE).setText("SSL mode:");
        mode = Widgets.name(new Combo(c, SWT.READ_ONLY), "wizard.sslmode");
        for (SslMode m : SslMode.values()) {
            mode.add(m.value());
        }
        mode.select(p.getSslMode().ordinal());
        mode.addListener(SWT.Selection, e -> {
            modeTouched = true;
            update();
        });
        ca = file(c, "CA certificate:", "wizard.sslrootcert", "CA certificate", "*.pem;*.crt;*.cer;*.der", p.getSslRootCert());
        caInfo = info(c, "wizard.sslrootcert.info");
        cert = file(c, "Client certificate:", "wizard.sslcert", "Client certificate", "*.pem;*.crt;*.cer;*.der;*.p12;*.pfx", p.getSslCert());
        certInfo = info(c, "wizard.sslcert.info");
        key = file(c, "Client key:", "wizard.sslkey", "Client key", "*.key;*.pem;*.pk8;*.der;*.p12;*.pfx", p.getSslKey());
        keyInfo = info(c, "wizard.sslkey.info");
        new Label(c, SWT.NONE).setText("Key password:");
        keyPassword = Widgets.name(new Text(c, SWT.BORDER | SWT.PASSWORD), "wizard.sslpassword");
        keyPassword.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        if (wizard.secrets().keyPassword() != null) {
            keyPassword.setText(new String(wizard.secrets().keyPassword()));
        }
        keyPassword.addListener(SWT.Modify, e -> update());
        matchInfo = info(c, "wizard.ssl.match");
        setControl(c);
        update();
    }

    private FileField file(Composite c, String label, String id, String title, String ext, String value) {
        new Label(c, SWT.NONE).setText(label);
        FileField f = new FileField(c, id, title, ext);
        f.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        f.setPath(value);
        f.onChange(s -> update());
        return f;
    }

    private Label info(Composite c, String id) {
        new Label(c, SWT.NONE);
        Label l = Widgets.name(new Label(c, SWT.WRAP), id);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 480;
        l.setLayoutData(gd);
        return l;
    }

    private void update() {
        ConnectionProfile p = wizard.profile();
        boolean hadCa = !p.getSslRootCert().isEmpty();
        p.setSslRootCert(ca.getPath()).setSslCert(cert.getPath()).setSslKey(key.getPath());
        if (!modeTouched && !hadCa && !ca.getPath().isEmpty()
                && (mode.getSelectionIndex() <= SslMode.REQUIRE.ordinal())) {
            // a CA given: the user wants the server verified, not libpq's silent "prefer"
            mode.select(SslMode.VERIFY_FULL.ordinal());
        }
        p.setSslMode(SslMode.values()[mode.getSelectionIndex()]);
        char[] kp = keyPassword.getText().isEmpty() ? null : keyPassword.getText().toCharArray();
        wizard.setKeyPassword(kp);
        SslInspection in = SslInspection.inspect(ca.getPath(), cert.getPath(), key.getPath(), kp, Instant.now());
        show(caInfo, in.ca());
        show(certInfo, in.certificate());
        show(keyInfo, in.key());
        Boolean match = in.keyMatchesCertificate();
        matchInfo.setText(match == null ? "" : match ? "Key and certificate match." : "The key does not belong to the certificate: choose the key the certificate was issued for.");
        matchInfo.setForeground(match != null && !match ? matchInfo.getDisplay().getSystemColor(SWT.COLOR_RED) : null);
        String error = null;
        for (FileReport r : List.of(in.ca(), in.certificate(), in.key())) {
            if (!r.isEmpty() && !r.ok() && error == null) {
                error = r.message();
            }
        }
        if (error == null && match != null && !match) {
            error = matchInfo.getText();
        }
        if (error == null && p.getSslMode() == SslMode.DISABLE && (!ca.getPath().isEmpty() || !cert.getPath().isEmpty())) {
            setMessage("SSL mode disable ignores the files.", WARNING);
        } else {
            setMessage(null);
        }
        setErrorMessage(error);
        setPageComplete(error == null);
        ((Composite) getControl()).layout(true, true);
        wizard.connectionChanged();
    }

    private static void show(Label l, FileReport r) {
        l.setText(r.isEmpty() ? "" : String.join("\n", r.lines()));
        boolean bad = !r.ok() || r.hasInvalidCertificate();
        l.setForeground(bad ? l.getDisplay().getSystemColor(SWT.COLOR_RED) : null);
    }
}
