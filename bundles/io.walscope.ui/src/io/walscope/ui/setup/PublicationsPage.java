package io.walscope.ui.setup;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.walscope.core.check.TableFacts;
import io.walscope.core.profile.Plugin;
import io.walscope.core.setup.SetupStep;
import io.walscope.ui.Widgets;

/**
 * Step 4, publications (pgoutput): the publication of the ordinary tables and, for partitioned tables on 13+, one
 * with publish_via_partition_root so their changes arrive under the root's name. Other plugins read no publication.
 */
final class PublicationsPage extends StepPage {
    private Label info;

    PublicationsPage(SetupWizard wizard) {
        super(wizard, SetupStep.PUBLICATIONS);
    }

    @Override
    protected void createTop(Composite c) {
        info = Widgets.name(new Label(c, SWT.WRAP), "setup.publications.info");
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 900;
        info.setLayoutData(gd);
    }

    @Override
    protected void refreshTop() {
        if (model().report == null) {
            info.setText(Messages.NOT_CHECKED);
            return;
        }
        List<String> roots = model().report.tables().stream().filter(TableFacts::isPartitionedRoot).map(TableFacts::subject).toList();
        String pubs = model().options().publication() + (roots.isEmpty() ? "" : " and " + model().options().rootPublication());
        if (model().plugin != Plugin.PGOUTPUT) {
            info.setText(model().plugin.id() + " reads no publication: nothing to do here (pgoutput would read " + pubs + ").");
        } else if (roots.isEmpty()) {
            info.setText("pgoutput sends the changes of the tables in publication " + pubs + ".");
        } else {
            info.setText("pgoutput sends the changes of the tables in " + model().options().publication() + "; the partitioned"
                    + " tables (" + String.join(", ", roots) + ") go into " + model().options().rootPublication()
                    + (model().report.serverVersionNum() >= 130000
                            ? " WITH (publish_via_partition_root = true), so their partitions' changes arrive under the root's name."
                            : ": before PostgreSQL 13 each partition is published on its own, under its own name."));
        }
        info.getParent().layout(true, true);
    }
}
