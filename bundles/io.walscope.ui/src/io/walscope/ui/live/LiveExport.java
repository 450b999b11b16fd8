package io.walscope.ui.live;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import io.walscope.core.live.LiveBuffer;
import io.walscope.core.live.LiveEvent;
import io.walscope.core.stream.Lsn;

/**
 * Exports the shown events, or the selected ones, to JSON Lines (the {@code walscope tail} format) or CSV, in a Job
 * with progress.
 */
final class LiveExport {
    private LiveExport() {
    }

    /** Asks for a file (and, when rows are selected, whether to write them or everything shown) and writes it. */
    static void export(Shell shell, LiveBuffer buffer, long[] shown, long[] selected) {
        if (buffer == null || shown.length == 0) {
            return;
        }
        long[] seqs = shown;
        if (selected.length > 0 && selected.length < shown.length) {
            // what is shown is the default (Enter); the selection is the other choice, named with its count
            int choice = new MessageDialog(shell, "Export changes", null, "Export all " + shown.length
                    + " changes shown, or only the " + selected.length + " selected?", MessageDialog.QUESTION, 0,
                    "All shown (" + shown.length + ")", "Selected (" + selected.length + ")", "Cancel").open();
            if (choice != 0 && choice != 1) {
                return;
            }
            seqs = choice == 0 ? shown : selected;
        }
        FileDialog d = new FileDialog(shell, SWT.SAVE);
        d.setText("Export changes");
        d.setFilterExtensions(new String[] { "*.jsonl", "*.csv" });
        d.setFileName("changes.jsonl");
        d.setOverwrite(true);
        String f = io.walscope.ui.Folders.open(d);
        if (f != null) {
            long[] written = seqs;
            Job job = schedule(Path.of(f), buffer, seqs);
            // say it is done (DBeaver's "exported" notice): the job runs in the background
            job.addJobChangeListener(org.eclipse.core.runtime.jobs.IJobChangeListener.onDone(e -> {
                if (e.getResult().isOK() && !shell.isDisposed()) {
                    shell.getDisplay().asyncExec(() -> {
                        if (!shell.isDisposed()) {
                            MessageDialog.openInformation(shell, "Export changes", "Exported " + written.length
                                    + " changes to " + f + ".");
                        }
                    });
                }
            }));
        }
    }

    /** Writes {@code seqs} to {@code file}: CSV when the name ends in .csv, JSON Lines otherwise. */
    static Job schedule(Path file, LiveBuffer buffer, long[] seqs) {
        Job job = Job.create("Exporting " + seqs.length + " changes to " + file.getFileName(), (IProgressMonitor m) -> {
            SubMonitor sub = SubMonitor.convert(m, seqs.length);
            boolean csv = file.getFileName().toString().endsWith(".csv");
            Path tmp = file.resolveSibling(file.getFileName() + ".part");
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
                if (csv) {
                    w.write("commit_ts_micros,lsn,commit_lsn,xid,op,schema,table,key,summary\n");
                }
                for (long s : seqs) {
                    if (sub.isCanceled()) {
                        Files.deleteIfExists(tmp);
                        return Status.CANCEL_STATUS;
                    }
                    LiveEvent e = buffer.get(s);
                    if (e != null) {
                        w.write(csv ? csvLine(e) : e.json());
                        w.write('\n');
                    }
                    sub.worked(1);
                }
            } catch (IOException e) {
                return Status.error("Could not write " + file + ": " + e.getMessage());
            }
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                return Status.error("Could not write " + file + ": " + e.getMessage());
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    static String csvLine(LiveEvent e) {
        return String.join(",", Long.toString(e.commitMicros()), Lsn.format(e.lsn()), Lsn.format(e.commitLsn()),
                Long.toString(e.xid()), e.op().json(), csv(e.schema()), csv(e.table()), csv(e.key()), csv(e.summary()));
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
