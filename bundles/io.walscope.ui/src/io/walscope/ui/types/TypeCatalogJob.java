package io.walscope.ui.types;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;

import io.walscope.core.WalscopeException;
import io.walscope.core.pg.catalog.CatalogReader;
import io.walscope.core.pg.catalog.CatalogTable;
import io.walscope.core.pg.catalog.SampleReader;
import io.walscope.core.profile.ConnectionProfile;
import io.walscope.ui.UiConnections;
import io.walscope.ui.types.TypeTree.ColumnNode;
import io.walscope.ui.types.TypeTree.SchemaNode;
import io.walscope.ui.types.TypeTree.TableNode;

/**
 * Reads the catalog of a profile's schemas (two queries), posts the tree, then reads {@link #SAMPLE_ROWS} sample
 * rows of each of the first {@link #SAMPLED_TABLES} tables and posts them in batches. Every post goes through
 * {@code asyncExec}; the receiver checks that its widgets still exist and that this Job is still the current one.
 */
final class TypeCatalogJob extends Job {
    static final int SAMPLE_ROWS = 3;
    static final int SAMPLED_TABLES = 200;
    private static final int BATCH = 25;

    /** What the Job posts: the tree, how many tables have samples so far, a summary line, or an error. */
    record Result(TypeCatalogJob job, List<SchemaNode> schemas, int samplesDone, String summary, String error) {
    }

    private final ConnectionProfile profile;
    private final Display display;
    private final Consumer<Result> sink;

    TypeCatalogJob(ConnectionProfile profile, Display display, Consumer<Result> sink) {
        super(String.format(Messages.JOB, profile.getName()));
        this.profile = profile;
        this.display = display;
        this.sink = sink;
        setSystem(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        long start = System.nanoTime();
        List<String> schemas = profile.getSchemas().isEmpty() ? List.of("public") : profile.getSchemas();
        try (Connection c = UiConnections.open(profile)) {
            List<CatalogTable> tables = new CatalogReader(c).read(schemas, List.of());
            List<SchemaNode> tree = TypeTree.build(tables);
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            String summary = tables.isEmpty()
                    ? String.format(Messages.NO_TABLES, profile.getName(), String.join(", ", schemas))
                    : summary(profile.getName(), tree, (System.nanoTime() - start) / 1_000_000);
            post(new Result(this, tree, 0, summary + (tables.isEmpty() ? "" : Messages.SAMPLING), null));
            SubMonitor sub = SubMonitor.convert(monitor, Math.min(tables.size(), SAMPLED_TABLES));
            int done = 0;
            for (SchemaNode s : tree) {
                for (TableNode t : s.tables()) {
                    if (sub.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    if (done >= SAMPLED_TABLES) {
                        t.sampleNote = String.format(Messages.NOT_SAMPLED, SAMPLED_TABLES);
                        continue;
                    }
                    t.sample(SampleReader.read(c, t.table, SAMPLE_ROWS));
                    sub.worked(1);
                    if (++done % BATCH == 0) {
                        post(new Result(this, tree, done, summary + Messages.SAMPLING, null));
                    }
                }
            }
            post(new Result(this, tree, Math.max(done, 1), summary, null));
        } catch (WalscopeException | SQLException e) {
            post(new Result(this, List.of(), 0, "", e.getMessage()));
        }
        return Status.OK_STATUS;
    }

    private static String summary(String name, List<SchemaNode> tree, long millis) {
        int tables = 0;
        int[] counts = new int[3];
        for (SchemaNode s : tree) {
            tables += s.tables().size();
            for (TableNode t : s.tables()) {
                for (ColumnNode c : t.columns) {
                    counts[c.status().ordinal()]++;
                }
            }
        }
        return String.format(Messages.READ, name, tables, counts[0] + counts[1] + counts[2], counts[0], counts[1],
                counts[2], millis + " ms");
    }

    private void post(Result r) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> sink.accept(r));
        }
    }
}
