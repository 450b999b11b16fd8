package io.walscope.core.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges the publications pgoutput reads (PostgreSQL 10+): {@code publication.exists},
 * {@code publication.tables} and {@code role.create_publication}. Ordinary tables (and, before 13, partitions)
 * belong in {@link CheckOptions#publication()}; partitioned roots from 13 on in
 * {@link CheckOptions#rootPublication()}, created with {@code publish_via_partition_root = true}. Pure.
 */
public final class PublicationRules {
    private PublicationRules() {
    }

    public static List<Finding> judge(List<TableFacts> tables, Map<String, PublicationFacts> pubs, RoleFacts role,
            CheckOptions o, int versionNum, String database) {
        boolean viaRoot = versionNum >= 130000;
        Set<String> chosenRoots = tables.stream().filter(TableFacts::isPartitionedRoot).map(TableFacts::subject)
                .collect(Collectors.toSet());
        Set<String> ours = Set.of(o.publication(), o.rootPublication());
        List<TableFacts> uncoveredMain = new ArrayList<>();
        List<TableFacts> uncoveredRoot = new ArrayList<>();
        List<Finding> tableFindings = new ArrayList<>();
        for (TableFacts t : tables) {
            Set<String> by = new HashSet<>(t.publications());
            by.retainAll(ours);
            if (t.isPartitionedRoot() && !viaRoot) {
                tableFindings.add(new Finding(CheckId.PUBLICATION_TABLES, Status.INFO, t.subject(), t.subject()
                        + " is partitioned: before PostgreSQL 13 a partitioned table cannot be published; its partitions are published one by one.", null));
                continue;
            }
            String target = t.isPartitionedRoot() ? o.rootPublication()
                    : t.isPartition() && viaRoot && chosenRoots.contains(t.parent()) ? null : o.publication();
            if (!by.isEmpty()) {
                tableFindings.add(Finding.ok(CheckId.PUBLICATION_TABLES, t.subject(), t.subject() + " is published by "
                        + String.join(", ", new java.util.TreeSet<>(by)) + "."));
                continue;
            }
            if (target == null && publishedRoots(tables, ours).contains(t.parent())) {
                tableFindings.add(Finding.ok(CheckId.PUBLICATION_TABLES, t.subject(), t.subject()
                        + " is published through its root " + t.parent() + "."));
                continue;
            }
            if (target == null) {
                tableFindings.add(new Finding(CheckId.PUBLICATION_TABLES, Status.FAIL, t.subject(), t.subject()
                        + " is not published: publishing its root " + t.parent() + " in " + o.rootPublication() + " covers it.", null));
                continue;
            }
            (target.equals(o.publication()) ? uncoveredMain : uncoveredRoot).add(t);
            PublicationFacts p = pubs.get(target);
            if (p == null) {
                tableFindings.add(new Finding(CheckId.PUBLICATION_TABLES, Status.FAIL, t.subject(), t.subject()
                        + " is in no publication; creating " + target + " (see publication.exists) adds it.", null));
            } else {
                tableFindings.add(new Finding(CheckId.PUBLICATION_TABLES, Status.FAIL, t.subject(), t.subject()
                        + " is not in publication " + target + ": pgoutput sends none of its changes.",
                        Fixes.addToPublication(target, t, needsSuperuser(role, List.of(t), p))));
            }
        }
        List<Finding> out = new ArrayList<>();
        // judged by the tables actually published: a publication nothing needs (every table is covered by the
        // other, e.g. FOR ALL TABLES WITH (publish_via_partition_root = true)) is not proposed empty
        if (mainNeeded(pubs, uncoveredMain, o)) {
            out.add(exists(o.publication(), pubs.get(o.publication()), uncoveredMain, false, role));
        }
        if (viaRoot && !chosenRoots.isEmpty() && (!uncoveredRoot.isEmpty() || pubs.containsKey(o.rootPublication()))) {
            out.add(exists(o.rootPublication(), pubs.get(o.rootPublication()), uncoveredRoot, true, role));
        }
        out.addAll(tableFindings);
        out.add(0, createPublication(role, pubs, uncoveredMain, uncoveredRoot, o, database));
        return out;
    }

    private static Set<String> publishedRoots(List<TableFacts> tables, Set<String> ours) {
        return tables.stream().filter(r -> r.isPartitionedRoot() && r.publications().stream().anyMatch(ours::contains))
                .map(TableFacts::subject).collect(Collectors.toSet());
    }

    /** The ordinary tables' publication is needed unless it would be empty while the roots' one exists. */
    private static boolean mainNeeded(Map<String, PublicationFacts> pubs, List<TableFacts> uncoveredMain, CheckOptions o) {
        return !uncoveredMain.isEmpty() || pubs.containsKey(o.publication()) || !pubs.containsKey(o.rootPublication());
    }

    private static boolean needsSuperuser(RoleFacts role, List<TableFacts> tables, PublicationFacts p) {
        if (role.superuser()) {
            return false;
        }
        boolean ownsTables = tables.stream().allMatch(TableFacts::owned);
        return !ownsTables || (p == null ? !role.createOnDatabase() : !p.owned());
    }

    static Finding exists(String name, PublicationFacts p, List<TableFacts> uncovered, boolean viaRoot, RoleFacts role) {
        if (p == null) {
            return new Finding(CheckId.PUBLICATION_EXISTS, Status.FAIL, name, "Publication " + name
                    + " does not exist: pgoutput needs it" + (viaRoot ? " (with publish_via_partition_root, for the partitioned tables)" : "") + ".",
                    Fixes.createPublication(name, uncovered, viaRoot, needsSuperuser(role, uncovered, null)));
        }
        if (p.allTables()) {
            return Finding.ok(CheckId.PUBLICATION_EXISTS, name, "Publication " + name + " publishes all tables.");
        }
        if (viaRoot && !p.viaRoot()) {
            return new Finding(CheckId.PUBLICATION_EXISTS, Status.WARN, name, "Publication " + name
                    + " publishes partitions under their own names: set publish_via_partition_root to publish them under the root.",
                    Fixes.publishViaRoot(name, !role.superuser() && !p.owned()));
        }
        return Finding.ok(CheckId.PUBLICATION_EXISTS, name, "Publication " + name + " exists.");
    }

    static Finding createPublication(RoleFacts role, Map<String, PublicationFacts> pubs, List<TableFacts> uncoveredMain,
            List<TableFacts> uncoveredRoot, CheckOptions o, String database) {
        String subject = role.name();
        if (role.superuser()) {
            return Finding.ok(CheckId.ROLE_CREATE_PUBLICATION, subject, role.name() + " is a superuser: it may create any publication.");
        }
        List<String> problems = new ArrayList<>();
        Fix fix = null;
        boolean mustCreate = mainNeeded(pubs, uncoveredMain, o) && !pubs.containsKey(o.publication()) || (!uncoveredRoot.isEmpty() && !pubs.containsKey(o.rootPublication()));
        if (mustCreate && !role.createOnDatabase()) {
            problems.add("it lacks CREATE on database " + database + ", which CREATE PUBLICATION needs");
            fix = Fixes.grantCreateOnDatabase(database, role.name());
        }
        List<TableFacts> all = new ArrayList<>(uncoveredMain);
        all.addAll(uncoveredRoot);
        List<String> notOwned = all.stream().filter(t -> !t.owned()).map(TableFacts::subject).toList();
        if (!notOwned.isEmpty()) {
            problems.add("it does not own " + notOwned.size() + " table" + (notOwned.size() == 1 ? "" : "s") + " to publish ("
                    + String.join(", ", notOwned.subList(0, Math.min(3, notOwned.size()))) + (notOwned.size() > 3 ? ", ..." : "")
                    + "): only owners or a superuser may add them");
        }
        for (String name : List.of(o.publication(), o.rootPublication())) {
            PublicationFacts p = pubs.get(name);
            boolean touches = name.equals(o.publication()) ? !uncoveredMain.isEmpty() : !uncoveredRoot.isEmpty();
            if (p != null && !p.owned() && touches) {
                problems.add("it does not own publication " + name);
            }
        }
        if (problems.isEmpty()) {
            return Finding.ok(CheckId.ROLE_CREATE_PUBLICATION, subject, all.isEmpty() && !mustCreate
                    ? "The publications exist and cover the chosen tables." : role.name() + " may create the publications it needs.");
        }
        return new Finding(CheckId.ROLE_CREATE_PUBLICATION, Status.FAIL, subject, role.name()
                + " cannot set up the publications: " + String.join("; ", problems) + ".", fix);
    }
}
