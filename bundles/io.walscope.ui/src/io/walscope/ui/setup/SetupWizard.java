package io.walscope.ui.setup;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.IPageChangingListener;
import org.eclipse.jface.dialogs.PageChangingEvent;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.Wizard;

import io.walscope.core.WalscopeException;
import io.walscope.core.check.Finding;
import io.walscope.core.check.Progress;
import io.walscope.core.conn.Secrets;
import io.walscope.core.pg.check.ApplyReport;
import io.walscope.core.pg.setup.SetupSession;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.core.profile.ProfileStore;
import io.walscope.core.profile.SecretStore;
import io.walscope.core.setup.SetupStep;
import io.walscope.ui.MonitorProgress;

/**
 * "Set up CDC…": one page per step of the source guide, in its order, then a summary. Every page shows what the
 * checks found for its step, previews the SQL (or config), applies it when the user presses Apply on that page (or
 * adds it to one script for a DBA), and the checks run again after each apply and before each Next. All database
 * work runs in the wizard's container, off the display thread, with progress and Cancel, through the core's
 * operations ({@link SetupSession}, {@code VerifyOperation}): this wizard holds no SQL.
 */
public final class SetupWizard extends Wizard implements IPageChangingListener {
    /** Where the preparing role's secrets come from (called off the display thread). */
    public interface SecretsSource {
        Secrets get(ConnectionProfile p) throws WalscopeException;
    }

    /** What Watch Changes does after the wizard closes: open the live view on this profile with these settings. */
    public record Watch(ConnectionProfile profile, io.walscope.core.profile.Plugin plugin, List<String> publications) {
    }

    private final SetupModel model;
    private final ProfileStore profiles;
    private final SecretStore secretStore;
    private final SecretsSource secretsSource;
    private Consumer<Watch> onWatch = w -> { };
    private boolean watchRequested;
    private String lastError;

    public SetupWizard(ConnectionProfile profile, ProfileStore profiles, SecretStore secretStore, SecretsSource secrets) {
        this.model = new SetupModel(profile);
        this.profiles = profiles;
        this.secretStore = secretStore;
        this.secretsSource = secrets;
        setWindowTitle(Messages.TITLE + " — " + profile.getName());
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        addPage(new ServerPage(this));
        addPage(new UserPage(this));
        addPage(new TablesPage(this));
        addPage(new PublicationsPage(this));
        addPage(new PluginHbaPage(this));
        addPage(new TestStepPage(this));
        addPage(new LastUpdatePage(this));
        addPage(new SslStepPage(this));
        addPage(new SummaryPage(this));
    }

    SetupModel model() {
        return model;
    }

    ProfileStore profiles() {
        return profiles;
    }

    SecretStore secretStore() {
        return secretStore;
    }

    /** Called with the live view's settings when the user presses Watch Changes on the last page. */
    public void onWatch(Consumer<Watch> c) {
        onWatch = c;
    }

    /** The last failure of a database operation (tests read it), or null. */
    public String lastError() {
        return lastError;
    }

    /** Work for the container, with the core's progress over its monitor. */
    interface Work {
        void run(Progress p) throws Exception;
    }

    /**
     * Runs {@code work} in the container: off the display thread, with a progress bar and Cancel. Returns the
     * failure's sentence, or null.
     */
    String run(Work work) {
        String[] failure = new String[1];
        try {
            getContainer().run(true, true, (IProgressMonitor m) -> {
                try {
                    work.run(new MonitorProgress(m));
                } catch (WalscopeException e) {
                    failure[0] = e.getMessage();
                } catch (Exception e) {
                    failure[0] = String.valueOf(e.getMessage() == null ? e : e.getMessage());
                } finally {
                    m.done();
                }
            });
        } catch (InvocationTargetException e) {
            failure[0] = String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            failure[0] = Messages.CANCELLED;
        }
        lastError = failure[0];
        return failure[0];
    }

    /** Checks everything again (as the preparing role, and as the CDC user when there is one) and refreshes the pages. */
    String recheck() {
        String f = run(this::check);
        refreshPages();
        return f;
    }

    /** The checks, off the display thread. */
    void check(Progress p) throws WalscopeException {
        if (model.adminSecrets == null) {
            model.adminSecrets = secretsSource.get(model.admin);
        }
        SetupSession admin = new SetupSession(model.admin, model.adminSecrets);
        p.begin("Checking " + model.admin.describe(), 12);
        model.facts = admin.facts(model.schemas, model.readerProfile().getUser(), p);
        model.report = admin.check(model.options(), p);
        model.readerReport = null;
        model.readerError = null;
        if (model.reader != null) {
            try {
                model.readerReport = new SetupSession(model.reader, model.readerSecrets).check(model.options(), p);
            } catch (WalscopeException e) {
                model.readerError = e.getMessage();
            }
        }
    }

    /**
     * Applies {@code chosen} for {@code step} atomically (the core's applier: one transaction; ALTER SYSTEM and
     * reloads after it), then checks again. Returns one sentence on what happened.
     */
    String apply(SetupStep step, List<Finding> chosen) {
        ApplyReport[] out = new ApplyReport[1];
        String f = run(p -> {
            SetupSession.Applied a = new SetupSession(model.admin, model.adminSecrets).apply(chosen, model.options(), p);
            out[0] = a.report();
            check(p);
        });
        refreshPages();
        String said;
        if (f != null) {
            said = f;
        } else if (!out[0].ok()) {
            said = out[0].failure();
        } else {
            long applied = out[0].steps().stream().filter(s -> s.outcome() == ApplyReport.Outcome.APPLIED).count();
            long skipped = out[0].steps().stream().filter(s -> s.outcome() == ApplyReport.Outcome.SKIPPED).count();
            said = "Applied " + applied + " statement" + (applied == 1 ? "" : "s")
                    + (skipped == 0 ? "" : "; " + skipped + " need a superuser: add them to the DBA script") + ".";
            model.outcome.put(step, "applied " + applied + " statement" + (applied == 1 ? "" : "s"));
        }
        return said;
    }

    /** Remembers the CDC user the user page made (or handed to the DBA): its profile and its password in secure storage. */
    String adoptReader(ConnectionProfile reader, char[] password) {
        try {
            profiles.save(reader, profiles.find(reader.getName()).isPresent() ? reader.getName() : null);
            secretStore.put(reader.getName(), SecretStore.Kind.PASSWORD, password);
            model.reader = reader;
            model.readerSecrets = new Secrets(password, null);
            return null;
        } catch (WalscopeException e) {
            return e.getMessage();
        }
    }

    void useAdminAsReader() {
        model.reader = null;
        model.readerSecrets = null;
    }

    void refreshPages() {
        for (IWizardPage p : getPages()) {
            if (p instanceof SetupPage sp && p.getControl() != null && !p.getControl().isDisposed()) {
                sp.refresh();
            }
        }
    }

    /** Before Next: check again, so the next page shows the server as it is now. */
    @Override
    public void handlePageChanging(PageChangingEvent e) {
        int from = indexOf(e.getCurrentPage());
        int to = indexOf(e.getTargetPage());
        if (to > from && to >= 0 && model.adminSecrets != null) {
            recheck();
        }
    }

    private int indexOf(Object page) {
        IWizardPage[] pages = getPages();
        for (int i = 0; i < pages.length; i++) {
            if (pages[i] == page) {
                return i;
            }
        }
        return -1;
    }

    /** Watch Changes on the last page: finish, and open the live view as the CDC user. */
    void requestWatch() {
        watchRequested = true;
    }

    @Override
    public boolean performFinish() {
        if (watchRequested) {
            onWatch.accept(new Watch(model.readerProfile(), model.plugin,
                    model.plugin == io.walscope.core.profile.Plugin.PGOUTPUT
                            ? List.of(model.options().publication(), model.options().rootPublication()) : null));
        }
        return true;
    }

    @Override
    public boolean canFinish() {
        return true;
    }
}
