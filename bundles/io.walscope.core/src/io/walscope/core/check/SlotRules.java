package io.walscope.core.check;

import java.util.ArrayList;
import java.util.List;

/** Judges every replication slot of the server: {@code slot.inactive} and {@code slot.retained_wal}. Pure. */
public final class SlotRules {
    private SlotRules() {
    }

    public static List<Finding> judge(List<SlotInfo> slots, long warnBytes) {
        List<Finding> out = new ArrayList<>();
        for (SlotInfo s : slots) {
            out.add(inactive(s));
            out.add(retained(s, warnBytes));
        }
        return out;
    }

    static Finding inactive(SlotInfo s) {
        String kind = s.slotType() + " slot " + s.name() + (s.plugin() == null ? "" : " (" + s.plugin() + ")");
        if (s.active()) {
            return Finding.ok(CheckId.SLOT_INACTIVE, s.name(), kind + " is in use" + (s.activePid() == null ? "" : " by pid " + s.activePid()) + ".");
        }
        if (s.temporary()) {
            return Finding.ok(CheckId.SLOT_INACTIVE, s.name(), kind + " is temporary: it goes with its session.");
        }
        return new Finding(CheckId.SLOT_INACTIVE, Status.WARN, s.name(), kind + " is inactive"
                + (s.inactiveSince() == null ? "" : " since " + s.inactiveSince()) + " and retains " + s.retainedPretty()
                + " of WAL until a consumer reads it or it is dropped. Drop it only if no consumer needs it.",
                Fixes.dropSlot(s.name()));
    }

    static Finding retained(SlotInfo s, long warnBytes) {
        String subject = s.name();
        if ("lost".equals(s.walStatus())) {
            return new Finding(CheckId.SLOT_RETAINED_WAL, Status.FAIL, subject, "Slot " + s.name()
                    + " has lost WAL it needs (wal_status lost, max_slot_wal_keep_size): it cannot be used any more; drop it and start over.",
                    s.active() ? null : Fixes.dropSlot(s.name()));
        }
        if (s.retainedBytes() == null) {
            return Finding.ok(CheckId.SLOT_RETAINED_WAL, subject, "Slot " + s.name() + " reserves no WAL yet.");
        }
        String detail = "Slot " + s.name() + " retains " + s.retainedPretty() + " of WAL"
                + (s.walStatus() == null ? "" : " (wal_status " + s.walStatus()
                        + (s.safeWalSize() == null ? "" : ", safe_wal_size " + Bytes.pretty(s.safeWalSize())) + ")");
        if ("unreserved".equals(s.walStatus())) {
            return new Finding(CheckId.SLOT_RETAINED_WAL, Status.WARN, subject, detail
                    + ": the server will remove WAL it needs at the next checkpoint unless it catches up.", null);
        }
        if (s.retainedBytes() > warnBytes) {
            return new Finding(CheckId.SLOT_RETAINED_WAL, Status.WARN, subject, detail + ", more than "
                    + Bytes.pretty(warnBytes) + ": " + (s.active() ? "its consumer lags." : "the disk fills until it is read or dropped."), null);
        }
        return Finding.ok(CheckId.SLOT_RETAINED_WAL, subject, detail + ".");
    }
}
