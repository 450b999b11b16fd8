package io.walscope.core.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.walscope.core.stream.Lsn;

/**
 * The sidecar of an output: who writes it ({@link OutputIdentity}) and where its last complete transaction ends,
 * in the data (a byte offset per file) and in the WAL (commit and end LSN). It is replaced atomically (a temporary
 * file, fsync, rename, fsync of the directory) and only after the data up to those offsets was written (and, unless
 * fsync is off, fsynced), so it never claims more than the files hold.
 *
 * @param identity the writer
 * @param commitLsn the commit LSN of the last complete transaction ({@link Lsn#INVALID} before the first)
 * @param endLsn the LSN just past it: a resumed stream starts there
 * @param transactions transactions written so far (over every run)
 * @param offsets per file name (relative to the output's directory), the length its complete transactions take
 */
public record Checkpoint(OutputIdentity identity, long commitLsn, long endLsn, long transactions,
        Map<String, Long> offsets) {
    /** Version of the sidecar's layout. */
    static final int LAYOUT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a sidecar; an unreadable one is an IOException whose message says what is wrong. */
    static Checkpoint read(Path file) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("it is not the JSON Walscope writes (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
        if (n == null || n.path("walscope_output").asInt(0) != LAYOUT) {
            throw new IOException("it is not a Walscope output checkpoint (layout " + LAYOUT + ")");
        }
        OutputIdentity id = new OutputIdentity(text(n, "source"), text(n, "slot"), text(n, "system_identifier"),
                text(n, "database"), text(n, "plugin"), text(n, "format"));
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("files").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            offsets.put(f.getKey(), f.getValue().asLong());
        }
        return new Checkpoint(id, lsn(n, "commit_lsn"), lsn(n, "end_lsn"), n.path("transactions").asLong(), offsets);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long lsn(JsonNode n, String field) {
        String s = text(n, field);
        return s == null ? Lsn.INVALID : Lsn.parse(s);
    }

    /** The sidecar's JSON. */
    byte[] toJson() throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("walscope_output", LAYOUT);
        o.put("source", identity.source());
        o.put("slot", identity.slot());
        o.put("system_identifier", identity.systemIdentifier());
        o.put("database", identity.database());
        o.put("plugin", identity.plugin());
        o.put("format", identity.format());
        o.put("commit_lsn", commitLsn == Lsn.INVALID ? null : Lsn.format(commitLsn));
        o.put("end_lsn", endLsn == Lsn.INVALID ? null : Lsn.format(endLsn));
        o.put("transactions", transactions);
        ObjectNode files = o.putObject("files");
        offsets.forEach(files::put);
        o.put("written_at", Instant.now().toString());
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Replaces {@code file} atomically; with {@code sync} the new content and the rename are on disk on return. */
    void write(Path file, boolean sync) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(toJson());
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (sync) {
                ch.force(true);
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (sync) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
    }

    /** Makes a directory's entries (a rename, a new file) durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for fsync; the data files are synced either way
        }
    }
}
