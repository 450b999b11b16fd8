package io.walscope.cli;

import java.util.List;

import io.walscope.core.profile.ConnectionProfile;

/** {@code walscope profiles}: the saved connection profiles. */
final class ProfilesCommand implements Command {
    @Override
    public String name() {
        return "profiles";
    }

    @Override
    public String summary() {
        return "list the saved connection profiles";
    }

    @Override
    public boolean connects() {
        return false;
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        new Args(args).noneLeft();
        List<ConnectionProfile> all = cli.profiles().list();
        cli.out().printf("%-20s %-40s %-12s %s%n", "NAME", "CONNECTION", "PLUGIN", "SSL");
        cli.out().printf("%-20s %-40s %-12s %s%n", ConnectionProfile.DEMO_NAME, "built-in demo database (--demo)", "pgoutput", "disable");
        for (ConnectionProfile p : all) {
            cli.out().printf("%-20s %-40s %-12s %s%n", p.getName(), p.describe(), p.getPlugin().id(), p.getSslMode().value());
        }
        return OK;
    }
}
