package io.walscope.core.types.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.walscope.core.types.PgColumnType;
import io.walscope.core.types.TypeCatalog;
import io.walscope.core.types.ValueConverter;

/**
 * Plain benchmark (not a test): values per second on one thread for the common scalar converters, text and binary
 * input, writing through a UTF-8 {@link JsonGenerator} into a discarding stream. Run with the core classes,
 * jackson-core and this class on the class path; optional argument: seconds per measurement (default 2).
 */
public final class ConverterBench {
    private static final int N = 4096;

    private ConverterBench() {
    }

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        Random r = new Random(1);
        String[][] text = new String[11][N];
        byte[][][] bin = new byte[3][N][];
        for (int i = 0; i < N; i++) {
            int i4 = r.nextInt();
            long i8 = r.nextLong();
            long micros = 700_000_000_000_000L + (long) (r.nextDouble() * 100_000_000_000_000L);
            text[0][i] = Integer.toString(i4);
            text[1][i] = Long.toString(i8);
            text[2][i] = "customer name " + i + " \u00e9";
            text[3][i] = r.nextBoolean() ? "t" : "f";
            text[4][i] = (r.nextInt(2_000_000) - 1_000_000) + "." + String.format("%02d", r.nextInt(100));
            text[5][i] = String.format(Locale.ROOT, "2024-%02d-%02d %02d:%02d:%02d.%06d+00", 1 + r.nextInt(12),
                    1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000));
            text[6][i] = new java.util.UUID(r.nextLong(), r.nextLong()).toString();
            text[7][i] = String.format(Locale.ROOT, "2024-%02d-%02d %02d:%02d:%02d.%06d+05:30", 1 + r.nextInt(12),
                    1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000));
            text[8][i] = String.format(Locale.ROOT, "2024-%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28));
            text[9][i] = Double.toString(r.nextDouble() * 1000);
            text[10][i] = String.format(Locale.ROOT, "2024-%02d-%02d %02d:%02d:%02d.%03d", 1 + r.nextInt(12),
                    1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000));
            bin[0][i] = be(i4, 4);
            bin[1][i] = be(i8, 8);
            bin[2][i] = be(micros, 8);
        }
        String[] types = {"int4", "int8", "text", "bool", "numeric", "timestamptz", "uuid", "timestamptz", "date",
                "float8", "timestamp"};
        String[] labels = {"int4", "int8", "text", "bool", "numeric", "timestamptz (+00)", "uuid",
                "timestamptz (+05:30)", "date", "float8", "timestamp"};
        JsonFactory f = JsonFactory.builder().build();
        System.out.printf("%-28s %14s%n", "converter (input)", "values/s");
        for (int t = 0; t < types.length; t++) {
            ValueConverter c = TypeCatalog.map(PgColumnType.of(types[t])).converter();
            String[] in = text[t];
            run(f, labels[t] + " (text)", seconds, g -> {
                for (int i = 0; i < N; i++) {
                    c.write(in[i], g);
                }
            });
        }
        String[] binTypes = {"int4", "int8", "timestamptz"};
        for (int t = 0; t < binTypes.length; t++) {
            ValueConverter c = TypeCatalog.map(PgColumnType.of(binTypes[t])).converter();
            byte[][] in = bin[t];
            run(f, binTypes[t] + " (binary)", seconds, g -> {
                for (int i = 0; i < N; i++) {
                    c.writeBinary(in[i], 0, in[i].length, g);
                }
            });
        }
    }

    private interface Batch {
        void run(JsonGenerator g) throws IOException;
    }

    private static void run(JsonFactory f, String label, double seconds, Batch batch) throws IOException {
        OutputStream sink = OutputStream.nullOutputStream();
        try (JsonGenerator g = f.createGenerator(sink)) {
            g.writeStartArray();
            long end = System.nanoTime() + (long) (seconds * 0.5e9); // warm-up
            while (System.nanoTime() < end) {
                batch.run(g);
            }
            long batches = 0;
            long start = System.nanoTime();
            end = start + (long) (seconds * 1e9);
            long now;
            do {
                batch.run(g);
                batches++;
                now = System.nanoTime();
            } while (now < end);
            double perSecond = batches * (double) N / ((now - start) / 1e9);
            System.out.printf(Locale.ROOT, "%-28s %,14.0f%n", label, perSecond);
            g.writeEndArray();
        }
    }

    private static byte[] be(long v, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (v >>> (8 * (bytes - 1 - i)));
        }
        return b;
    }
}
