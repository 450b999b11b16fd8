package io.walscope.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.walscope.core.profile.ConnectionProfile;
import io.walscope.demo.DemoDatabase;
import io.walscope.demo.TrafficGenerator;

/** {@code walscope demo-server [--rate N]}: runs the demo database with traffic until Ctrl-C. */
final class DemoServerCommand implements Command {
    @Override
    public String name() {
        return "demo-server";
    }

    @Override
    public String summary() {
        return "run the built-in demo database with a traffic generator until Ctrl-C (--rate changes/s, default 20)";
    }

    @Override
    public boolean connects() {
        return false;
    }

    @Override
    public List<Opt> options() {
        return List.of(Opt.value("--rate", "N", "changes a second the traffic generator makes (default 20)"));
    }

    @Override
    public int run(Cli cli, List<String> args) throws Exception {
        Args a = new Args(args);
        double rate;
        String r = a.option("--rate", "20");
        try {
            rate = Double.parseDouble(r);
        } catch (NumberFormatException e) {
            throw new UsageException("--rate takes changes per second, not '" + r + "'.");
        }
        a.noneLeft();
        DemoDatabase demo = cli.demo();
        if (demo.attach()) {
            throw new UsageException("The demo server is already running on port " + demo.profile().getPort()
                    + " (started by another Walscope): use it with 'walscope info --demo'.");
        }
        ConnectionProfile p = demo.start(msg -> cli.err().println(msg + "..."));
        CountDownLatch stop = new CountDownLatch(1);
        TrafficGenerator traffic = new TrafficGenerator(demo::connect, rate);
        Thread hook = new Thread(() -> {
            traffic.close();
            demo.stop();
            stop.countDown();
        }, "walscope-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        traffic.start();
        cli.out().println("Demo server running: PostgreSQL " + DemoDatabase.PG_VERSION + " on host " + p.getHost()
                + " port " + p.getPort() + ", user " + p.getUser() + ", database " + p.getDatabase() + ", schema "
                + p.primarySchema());
        cli.out().println("Data in " + demo.dataDir() + "; password in secure storage.");
        cli.out().println("Traffic: about " + rate + " changes/s. Stop with Ctrl-C.");
        cli.out().println("Try in another shell:  walscope info --demo");
        cli.out().flush();
        stop.await();
        return OK;
    }
}
