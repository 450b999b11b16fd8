package io.walscope.product.tests;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The entries of a product archive (.tar.gz or .zip): names, Unix modes, and the text of the few small files asked for. */
final class Archive {
    final Path file;
    final Map<String, Integer> modes = new LinkedHashMap<>();
    final Map<String, String> texts = new LinkedHashMap<>();

    private Archive(Path file) {
        this.file = file;
    }

    /** Reads {@code file}, keeping the text of the entries whose names end with one of {@code textSuffixes}. */
    static Archive read(Path file, Set<String> textSuffixes) throws IOException {
        Archive a = new Archive(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            if (file.getFileName().toString().endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(in)) {
                    for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                        a.add(e.getName(), 0644, zip, textSuffixes);
                    }
                }
            } else {
                try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
                    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                        a.add(e.getName(), e.getMode(), tar, textSuffixes);
                    }
                }
            }
        }
        return a;
    }

    private void add(String name, int mode, InputStream in, Set<String> textSuffixes) throws IOException {
        modes.put(name, mode);
        if (textSuffixes.stream().anyMatch(name::endsWith)) {
            texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The one entry under {@code folder} whose file name starts with {@code prefix}, or null. */
    String find(String folder, String prefix) {
        return modes.keySet().stream()
                .filter(n -> n.startsWith(folder) && n.indexOf('/', folder.length()) < 0
                        && n.substring(folder.length()).startsWith(prefix))
                .findFirst().orElse(null);
    }
}
