package io.walscope.core.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.walscope.core.setup.VerifyPlan.Expected;
import io.walscope.core.stream.Op;

/** Judges the test: did the plugin send back the changes as they were written? Pure. */
public final class VerifyRules {
    private VerifyRules() {
    }

    /** One line per expected change: {@code "insert uid=1: as written"} or what differs. */
    public record Verdict(boolean ok, List<String> lines) {
        public Verdict {
            lines = List.copyOf(lines);
        }

        /** The first line that is not "as written", or null. */
        public String firstProblem() {
            return lines.stream().filter(l -> !l.endsWith(AS_WRITTEN)).findFirst().orElse(null);
        }
    }

    static final String AS_WRITTEN = "as written";

    public static Verdict judge(List<Expected> expected, List<VerifyChange> got) {
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            String problem = i < got.size() ? compare(e, got.get(i)) : "not sent back";
            ok &= problem == null;
            lines.add(e.describe() + ": " + (problem == null ? AS_WRITTEN : problem));
        }
        for (int i = expected.size(); i < got.size(); i++) {
            ok = false;
            lines.add("unexpected " + got.get(i).op().json() + " of " + got.get(i).table());
        }
        return new Verdict(ok, lines);
    }

    private static String compare(Expected e, VerifyChange g) {
        if (g.op() != e.op()) {
            return "came back as " + g.op().json();
        }
        if (e.after() != null) {
            String d = diff("after", e.after(), g.after());
            if (d != null) {
                return d;
            }
        }
        if (e.op() == Op.UPDATE) {
            return g.before() == null || g.before().isEmpty()
                    ? "no before-image came back, though the test table has REPLICA IDENTITY FULL"
                    : diff("before", e.before(), g.before());
        }
        if (e.op() == Op.DELETE) {
            if (g.before() != null && !g.before().isEmpty()) {
                return diff("before", e.before(), g.before());
            }
            if (g.key() == null || !Objects.equals("1", g.key().get("uid"))) {
                return "neither the old row nor the key uid=1 came back";
            }
        }
        return null;
    }

    private static String diff(String image, Map<String, String> want, Map<String, String> have) {
        if (have == null) {
            return "no " + image + " image came back";
        }
        for (Map.Entry<String, String> w : want.entrySet()) {
            String h = have.get(w.getKey());
            if (!have.containsKey(w.getKey())) {
                return image + "." + w.getKey() + " is missing (written " + w.getValue() + ")";
            }
            if (!w.getValue().equals(h)) {
                return image + "." + w.getKey() + " came back as " + h + ", written " + w.getValue();
            }
        }
        return null;
    }
}
