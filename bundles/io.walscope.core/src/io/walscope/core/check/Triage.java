package io.walscope.core.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The three groups a person reads findings in: what blocks CDC ({@link Status#FAIL}), what should be fixed
 * ({@link Status#WARN}) and what is fine ({@link Status#OK} and {@link Status#INFO}, notes that break nothing).
 * The Preparation editor and the setup wizard show findings so. Pure.
 */
public enum Triage {
    BLOCKS("Blocks CDC"), SHOULD_FIX("Should fix"), OK("OK");

    private final String label;

    Triage(String label) {
        this.label = label;
    }

    /** The group's heading. */
    public String label() {
        return label;
    }

    public static Triage of(Status s) {
        return switch (s) {
            case FAIL -> BLOCKS;
            case WARN -> SHOULD_FIX;
            default -> OK;
        };
    }

    public static Triage of(Finding f) {
        return of(f.status());
    }

    /** The findings by group, every group present (empty ones too), in the order blocks, should fix, ok. */
    public static Map<Triage, List<Finding>> group(Collection<Finding> findings) {
        Map<Triage, List<Finding>> out = new EnumMap<>(Triage.class);
        for (Triage t : values()) {
            out.put(t, new ArrayList<>());
        }
        for (Finding f : findings) {
            out.get(of(f)).add(f);
        }
        return out;
    }
}
