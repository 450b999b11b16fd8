package io.walscope.core.check;

import java.util.List;

import io.walscope.core.profile.Plugin;

/** Judges whether the server lets a slot use the chosen plugin: {@code plugin.allowed}. Pure. */
public final class PluginRules {
    private PluginRules() {
    }

    /**
     * {@code plugin.allowed} once the plugin was tried with a slot, where the role cannot read the setting: the attempt
     * tells what the setting hides — ok when the slot was made, a failure with the fix when the server refused it.
     */
    public static Finding provenWhileHidden(ServerFacts s, Plugin plugin, boolean slotMade, boolean refused) {
        Finding f = allowed(s, plugin);
        if (!s.outputPluginLibrariesHidden()) {
            return f;
        }
        if (slotMade) {
            return Finding.ok(CheckId.PLUGIN_ALLOWED, plugin.id(), PluginAllowList.SETTING + " lists " + plugin.id()
                    + ": proven by a slot (the setting itself is hidden from this role).");
        }
        if (refused) {
            return new Finding(CheckId.PLUGIN_ALLOWED, Status.FAIL, plugin.id(), "The server refuses a slot with "
                    + plugin.id() + ": " + PluginAllowList.SETTING + " does not list it (its value is hidden from this"
                    + " role; the fix below keeps the server's default list — a superuser should keep whatever else"
                    + " SHOW " + PluginAllowList.SETTING + " lists).", Fixes.outputPluginLibraries(
                            PluginAllowList.withPlugin(PluginAllowList.DEFAULT, plugin.id())));
        }
        return f;
    }

    /**
     * {@code plugin.allowed}: ok when the server has no {@code output_plugin_libraries} (older minors) or lists the
     * plugin; fail with the list-syntax fix (keeping what is listed, a reload) otherwise.
     */
    public static Finding allowed(ServerFacts s, Plugin plugin) {
        String subject = plugin.id();
        String setting = PluginAllowList.SETTING;
        if (!plugin.canTail()) {
            return Finding.ok(CheckId.PLUGIN_ALLOWED, subject, plugin.id() + " is no output plugin: " + setting
                    + " does not apply.");
        }
        if (s.outputPluginLibrariesHidden()) {
            return new Finding(CheckId.PLUGIN_ALLOWED, Status.WARN, subject, setting + " exists on PostgreSQL "
                    + s.version() + " but is hidden from this role (only superusers and members of pg_read_all_settings"
                    + " may read it): a slot with " + plugin.id() + " is refused for every role unless it is listed there"
                    + " — " + CheckId.PLUGIN_AVAILABLE + " proves it with a slot; a superuser sees the list with SHOW "
                    + setting + ".", null);
        }
        if (s.outputPluginLibraries() == null) {
            return Finding.ok(CheckId.PLUGIN_ALLOWED, subject, "PostgreSQL " + s.version() + " has no " + setting
                    + ": any installed output plugin may be used.");
        }
        List<String> listed = PluginAllowList.parse(s.outputPluginLibraries());
        if (PluginAllowList.allows(listed, plugin.id())) {
            return Finding.ok(CheckId.PLUGIN_ALLOWED, subject, setting + " (" + PluginAllowList.display(listed)
                    + ") lists " + plugin.id() + ".");
        }
        List<String> fixed = PluginAllowList.withPlugin(listed, plugin.id());
        String trap = PluginAllowList.hasOneStringTrap(listed)
                ? " It was set as one quoted string, which PostgreSQL keeps as ONE element: write the list as"
                        + " separate quoted names."
                : "";
        return new Finding(CheckId.PLUGIN_ALLOWED, Status.FAIL, subject, setting + " is "
                + (listed.isEmpty() ? "empty" : PluginAllowList.display(listed)) + ": the server refuses a slot with "
                + plugin.id() + " for every role, superusers included, until the setting lists it (a reload, no restart)."
                + trap, Fixes.outputPluginLibraries(fixed));
    }
}
