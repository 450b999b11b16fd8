package io.walscope.ui.live;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Collectors;

/**
 * Where the viewer benchmark's lines go: the file named by {@code walscope.bench.out} (releng/bench-view prints
 * it as it grows) and stdout. Also the JVM facts and the heap measurement the report needs.
 */
final class BenchOut {
    private final Path file;

    BenchOut(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "");
    }

    void line(String format, Object... args) {
        String s = String.format(format, args);
        System.out.println(s);
        try {
            Files.writeString(file, s + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the benchmark results to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Heap in use after a full GC, in MB (MemoryMXBean after System.gc(), twice so finalizable garbage goes too). */
    static double heapAfterGcMb() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        m.gc();
        m.gc();
        return m.getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /** -Xmx, the collectors and the Java version. */
    static String jvm() {
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        return String.format("Java %s, max heap (-Xmx) %d MB, %s; %d processors (shared with other work)",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / 1048576, gcs,
                Runtime.getRuntime().availableProcessors());
    }

    /** CPU seconds: this JVM's, its collectors' (pause time), and the current thread's; {@link #cpuSince} differences. */
    static double[] cpu() {
        double gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() / 1e3;
        return new double[] {
            ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9,
            gc, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9 };
    }

    /** "JVM x s, display thread y s, GC pauses z s, reader thread r s" since {@code before}, per event in µs. */
    static String cpuSince(double[] before, double readerSecs, long events) {
        double[] now = cpu();
        double jvm = now[0] - before[0];
        double gc = now[1] - before[1];
        double display = now[2] - before[2];
        return String.format("JVM %.2f s (%.1f µs/event): reader thread %.2f s (%.1f µs/event), display thread %.2f s,"
                + " GC pauses %.2f s", jvm, jvm * 1e6 / events, readerSecs, readerSecs * 1e6 / events, display, gc);
    }

    /** CPU seconds of the thread running the change stream (a Job worker whose stack holds ChangeStream.run). */
    static double readerCpu() {
        for (java.util.Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement f : e.getValue()) {
                if (f.getClassName().endsWith(".ChangeStream") && f.getMethodName().equals("run")) {
                    return ManagementFactory.getThreadMXBean().getThreadCpuTime(e.getKey().getId()) / 1e9;
                }
            }
        }
        return 0;
    }

    static String verdict(boolean ok) {
        return ok ? "met" : "MISSED";
    }
}
