package io.walscope.core.check;

import java.util.List;
import java.util.stream.Collectors;

/** Everything one run of the checks found: the findings, and the facts behind the per-table and slot views. */
public record CheckReport(String serverVersion, int serverVersionNum, List<Finding> findings,
        List<TableFacts> tables, List<SlotInfo> slots) {
    public CheckReport {
        findings = List.copyOf(findings);
        tables = List.copyOf(tables);
        slots = List.copyOf(slots);
    }

    /** True when some finding fails: {@code walscope check} exits 1. */
    public boolean hasFailures() {
        return findings.stream().anyMatch(f -> f.status() == Status.FAIL);
    }

    /** The findings of {@code id}. */
    public List<Finding> byId(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).collect(Collectors.toList());
    }

    /** The one finding of {@code id} about {@code subject}, or {@code null}. */
    public Finding find(String id, String subject) {
        return findings.stream().filter(f -> f.id().equals(id) && f.subject().equals(subject)).findFirst()
                .orElse(null);
    }

    /** Warning and failing findings that carry a fix. */
    public List<Finding> fixable() {
        return findings.stream().filter(f -> f.status().needsAction() && f.fix() != null)
                .collect(Collectors.toList());
    }
}
