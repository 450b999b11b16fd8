package io.walscope.core.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server setting {@code output_plugin_libraries} (in the newest minors of PostgreSQL 14 to 18): the output
 * plugins a logical slot may use. A slot with any other plugin is refused for every role, superusers included.
 * <p>
 * The setting is a list. {@code SHOW} prints it with an element double-quoted when it holds a comma or a space,
 * which is how the trap {@code ALTER SYSTEM SET output_plugin_libraries = 'pgoutput, wal2json'} (one quoted string,
 * accepted, but ONE element) shows: {@code "pgoutput, wal2json"}. Pure.
 */
public final class PluginAllowList {
    /** The setting's name. */
    public static final String SETTING = "output_plugin_libraries";
    /** The server's default value. */
    public static final List<String> DEFAULT = List.of("pgoutput", "test_decoding");

    private PluginAllowList() {
    }

    /** The elements of the setting as {@code SHOW} prints it (double quotes group, {@code ""} escapes a quote). */
    public static List<String> parse(String shown) {
        List<String> out = new ArrayList<>();
        if (shown == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < shown.length(); i++) {
            char ch = shown.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < shown.length() && shown.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                add(out, cur, wasQuoted);
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(ch);
            }
        }
        add(out, cur, wasQuoted);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur, boolean wasQuoted) {
        String s = wasQuoted ? cur.toString() : cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    /** True when {@code plugin} is one of the elements (as a name or as a path ending in it, e.g. $libdir/wal2json). */
    public static boolean allows(List<String> elements, String plugin) {
        for (String e : elements) {
            if (e.equals(plugin) || e.endsWith("/" + plugin)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The elements that allow {@code plugin} and keep what is listed: an element that holds commas (the one-string
     * trap) is split into its parts, then {@code plugin} is added.
     */
    public static List<String> withPlugin(List<String> elements, String plugin) {
        Set<String> out = new LinkedHashSet<>();
        for (String e : elements) {
            if (e.contains(",")) {
                for (String part : e.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            } else {
                out.add(e);
            }
        }
        out.add(plugin);
        return List.copyOf(out);
    }

    /** True when an element holds a comma: someone set the list as one quoted string. */
    public static boolean hasOneStringTrap(List<String> elements) {
        return elements.stream().anyMatch(e -> e.contains(","));
    }

    /** The value of {@code ALTER SYSTEM SET output_plugin_libraries = ...}: one literal per element. */
    public static String sqlValue(List<String> elements) {
        return elements.stream().map(Sql::literal).collect(Collectors.joining(", "));
    }

    /**
     * One sentence for a refused plugin: the cause (the setting) and the fix that keeps what {@code shown} lists
     * ({@code null}: the list is unknown, the server's default is assumed).
     */
    public static String refusal(String plugin, String shown, String where) {
        List<String> listed = shown == null ? DEFAULT : parse(shown);
        return "The " + plugin + " plugin is not allowed by " + SETTING + " on " + where + " ("
                + (shown == null ? "its list is hidden from this role; the default is " + display(DEFAULT)
                        : "it lists " + (listed.isEmpty() ? "nothing" : display(listed)))
                + "): as a superuser run ALTER SYSTEM SET " + SETTING
                + " = " + sqlValue(withPlugin(listed, plugin)) + "; SELECT pg_reload_conf(); (or 'walscope apply --only "
                + CheckId.PLUGIN_ALLOWED + " --plugin " + plugin + "'), or choose another plugin.";
    }

    /** The elements for people: {@code pgoutput, test_decoding}, the trap's element in quotes. */
    public static String display(List<String> elements) {
        return elements.stream().map(e -> e.contains(",") || e.contains(" ") ? "\"" + e + "\"" : e)
                .collect(Collectors.joining(", "));
    }
}
