package io.walscope.core.conn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * Where libpq's password file is and whether libpq would read it: {@code passfile} (a connection parameter), else
 * {@code PGPASSFILE}, else {@code ~/.pgpass}; a file that is not a plain file, or that its group or others may
 * read or write, is ignored with libpq's warning. Matching a line is pgjdbc's (io.walscope.core.pg.PgPass).
 *
 * @param path the file to read, or null (none, or ignored)
 * @param warning libpq's warning when the file exists but is ignored, else null
 */
public record PasswordFile(Path path, String warning) {

    /** Finds the file for {@code passfile} (may be null) and the environment. */
    public static PasswordFile locate(String passfile, Map<String, String> env) {
        Path p;
        if (passfile != null && !passfile.isEmpty()) {
            p = Path.of(passfile);
        } else if (env.get("PGPASSFILE") != null && !env.get("PGPASSFILE").isEmpty()) {
            p = Path.of(env.get("PGPASSFILE"));
        } else {
            p = ServiceFile.home(env).resolve(".pgpass");
        }
        if (!Files.exists(p)) {
            return new PasswordFile(null, null);
        }
        if (!Files.isRegularFile(p)) {
            return new PasswordFile(null, "password file \"" + p + "\" is not a plain file");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            if (Files.isSymbolicLink(p)) {
                perms = Files.getPosixFilePermissions(p);
            }
            for (PosixFilePermission x : perms) {
                switch (x) {
                    case OWNER_READ, OWNER_WRITE, OWNER_EXECUTE -> { }
                    default -> {
                        return new PasswordFile(null, "password file \"" + p + "\" has group or world access;"
                                + " permissions should be u=rw (0600) or less");
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions (another file system): read it, as libpq does on Windows
        }
        return new PasswordFile(p, null);
    }
}
