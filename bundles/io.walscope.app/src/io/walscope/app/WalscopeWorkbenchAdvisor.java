package io.walscope.app;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

import io.walscope.ui.WalscopeUi;
import io.walscope.ui.welcome.WelcomeView;

/** Opens one window with the Walscope perspective; starts the demo database when asked. */
public class WalscopeWorkbenchAdvisor extends WorkbenchAdvisor {
    private final boolean demo;

    public WalscopeWorkbenchAdvisor(boolean demo) {
        this.demo = demo;
        // the layout is not restored (setSaveAndRestore(false) below), but E4 would still save its model now and then
        // and load it after a crash, editors and all ("No editor descriptor for id ...emptyEditorTab"): it neither
        // saves nor loads one (E4Application reads these as -persistState / -clearPersistedState or system properties)
        System.setProperty("persistState", "false");
        System.setProperty("clearPersistedState", "true");
    }

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(false);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return Perspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new WorkbenchWindowAdvisor(configurer) {
            @Override
            public void preWindowOpen() {
                IWorkbenchWindowConfigurer c = getWindowConfigurer();
                c.setInitialSize(new Point(1280, 860));
                c.setShowStatusLine(true);
                c.setShowCoolBar(true);
                c.setShowMenuBar(true);
                c.setShowProgressIndicator(true);
                c.setTitle(demo ? "Walscope — demo database" : "Walscope");
            }

            @Override
            public void postWindowOpen() {
                WindowBounds.restore(getWindowConfigurer().getWindow().getShell());
            }

            @Override
            public boolean preWindowShellClose() {
                WindowBounds.save(getWindowConfigurer().getWindow().getShell());
                return true;
            }
        };
    }

    @Override
    public void postStartup() {
        if (demo) {
            WalscopeUi.get().demo().start();
        } else if (WelcomeView.wantedAtStart(false)) {
            // a fresh Walscope home: the Welcome page says where to begin (no stream runs yet to cover)
            org.eclipse.ui.IWorkbenchWindow w = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow();
            if (w != null && w.getActivePage() != null) {
                try {
                    WelcomeView.show(w.getActivePage());
                } catch (org.eclipse.ui.PartInitException e) {
                    // the window works without it: Help › Welcome says what it could not open
                }
            }
        }
    }

    @Override
    public void postShutdown() {
        WalscopeUi.get().demo().shutdown();
    }
}
