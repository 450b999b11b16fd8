package io.walscope.ui;

import org.eclipse.core.runtime.IProgressMonitor;

import io.walscope.core.check.Progress;

/** The core's {@link Progress} over a Job's monitor: progress shows in the Progress view, Cancel stops the operation. */
public final class MonitorProgress implements Progress {
    private final IProgressMonitor monitor;

    public MonitorProgress(IProgressMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void begin(String task, int totalWork) {
        monitor.beginTask(task, totalWork);
    }

    @Override
    public void subTask(String name) {
        monitor.subTask(name);
    }

    @Override
    public void worked(int work) {
        monitor.worked(work);
    }

    @Override
    public boolean isCanceled() {
        return monitor.isCanceled();
    }
}
