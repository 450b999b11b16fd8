package io.walscope.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Small helpers to take a command's own options out of its argument list. */
public final class Args {
    private final List<String> args;

    public Args(List<String> args) {
        this.args = new ArrayList<>(args);
    }

    /** Removes {@code --name} and returns whether it was there. */
    public boolean flag(String name) {
        return args.remove(name);
    }

    /** Removes {@code --name VALUE} or {@code --name=VALUE} and returns the value, or {@code def}. */
    public String option(String name, String def) throws UsageException {
        List<String> all = options(name);
        return all.isEmpty() ? def : all.get(all.size() - 1);
    }

    /** Removes every {@code --name VALUE} and returns the values in order. */
    public List<String> options(String name) throws UsageException {
        List<String> out = new ArrayList<>();
        Iterator<String> it = args.iterator();
        while (it.hasNext()) {
            String a = it.next();
            if (a.equals(name)) {
                it.remove();
                if (!it.hasNext()) {
                    throw new UsageException(name + " needs a value.");
                }
                out.add(it.next());
                it.remove();
            } else if (a.startsWith(name + "=")) {
                it.remove();
                out.add(a.substring(name.length() + 1));
            }
        }
        return out;
    }

    /** An integer option. */
    public long longOption(String name, long def) throws UsageException {
        String v = option(name, null);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a whole number, not '" + v + "'.");
        }
    }

    /** The remaining words that are not options. */
    public List<String> positional() {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("--")) {
                out.add(a);
            }
        }
        return out;
    }

    /** Fails on anything not taken. */
    public void done() throws UsageException {
        for (String a : args) {
            if (a.startsWith("-")) {
                throw new UsageException("Unknown option " + a + ".");
            }
        }
    }

    /** Fails on any word left, options and positional alike. */
    public void noneLeft() throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException((args.get(0).startsWith("-") ? "Unknown option " : "Unexpected argument ")
                    + args.get(0) + ".");
        }
    }
}
