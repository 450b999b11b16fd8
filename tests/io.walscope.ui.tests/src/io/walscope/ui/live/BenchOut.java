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

    static String verdict(boolean ok) {
        return ok ? "met" : "MISSED";
    }
}
