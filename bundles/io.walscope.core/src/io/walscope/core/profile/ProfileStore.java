package io.walscope.core.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.walscope.core.Walscope;
import io.walscope.core.WalscopeException;

/**
 * Saved connection profiles in {@code ~/.walscope/profiles.json}, shared by the GUI and the CLI. The file
 * holds no secret (see {@link SecretStore}); it is written atomically.
 */
public final class ProfileStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ProfileStore(Path file) {
        this.file = file;
    }

    /** The store in Walscope's home directory. */
    public static ProfileStore standard() {
        return new ProfileStore(Walscope.home().resolve("profiles.json"));
    }

    public Path file() {
        return file;
    }

    /** Called after every change (from the thread that made it). */
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    public void removeListener(Runnable r) {
        listeners.remove(r);
    }

    /** All saved profiles, by name. */
    public synchronized List<ConnectionProfile> list() throws WalscopeException {
        List<ConnectionProfile> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode n : root.path("profiles")) {
                out.add(fromJson(n));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new WalscopeException("The profile file " + file + " cannot be read (" + e.getMessage()
                    + "): fix or remove it.", e);
        }
        out.sort(Comparator.comparing(ConnectionProfile::getName, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    public Optional<ConnectionProfile> find(String name) throws WalscopeException {
        return list().stream().filter(p -> p.getName().equals(name)).findFirst();
    }

    /** Saves {@code p}, replacing the profile called {@code previousName} (null for a new one). */
    public synchronized void save(ConnectionProfile p, String previousName) throws WalscopeException {
        if (p.getName().isBlank()) {
            throw new WalscopeException("A profile needs a name.");
        }
        List<ConnectionProfile> all = list();
        for (ConnectionProfile o : all) {
            if (o.getName().equals(p.getName()) && !o.getName().equals(previousName)) {
                throw new WalscopeException("A profile called \"" + p.getName() + "\" exists already: choose another name.");
            }
        }
        all.removeIf(o -> o.getName().equals(previousName) || o.getName().equals(p.getName()));
        all.add(p.copy());
        write(all);
    }

    public synchronized void delete(String name) throws WalscopeException {
        List<ConnectionProfile> all = list();
        if (all.removeIf(o -> o.getName().equals(name))) {
            write(all);
        }
    }

    private void write(List<ConnectionProfile> all) throws WalscopeException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode arr = root.putArray("profiles");
        for (ConnectionProfile p : all) {
            arr.add(toJson(p));
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "profiles", ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new WalscopeException("Could not write " + file + ": " + e.getMessage(), e);
        }
        listeners.forEach(Runnable::run);
    }

    /** The JSON form of a profile (no secret in it). */
    public static ObjectNode toJson(ConnectionProfile p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", p.getName());
        n.put("host", p.getHost());
        n.put("port", p.getPort());
        n.put("database", p.getDatabase());
        ArrayNode s = n.putArray("schemas");
        p.getSchemas().forEach(s::add);
        n.put("user", p.getUser());
        n.put("plugin", p.getPlugin().id());
        n.put("sslmode", p.getSslMode().value());
        n.put("sslrootcert", p.getSslRootCert());
        n.put("sslcert", p.getSslCert());
        n.put("sslkey", p.getSslKey());
        n.put("savePassword", p.isSavePassword());
        if (p.isDemo()) {
            n.put("demo", true);
        }
        if (!p.getApplicationName().isEmpty()) {
            n.put("application_name", p.getApplicationName());
        }
        if (p.getConnectTimeout() >= 0) {
            n.put("connect_timeout", p.getConnectTimeout());
        }
        if (p.isMultiHost()) {
            ArrayNode hosts = n.putArray("hosts");
            p.getHosts().forEach(h -> hosts.add(h.toString()));
        }
        if (p.getTargetSessionAttrs() != TargetSessionAttrs.ANY) {
            n.put("target_session_attrs", p.getTargetSessionAttrs().value());
        }
        return n;
    }

    public static ConnectionProfile fromJson(JsonNode n) {
        ConnectionProfile p = new ConnectionProfile();
        p.setName(n.path("name").asText());
        p.setHost(n.path("host").asText("localhost"));
        p.setPort(n.path("port").asInt(5432));
        p.setDatabase(n.path("database").asText("postgres"));
        List<String> schemas = new ArrayList<>();
        n.path("schemas").forEach(x -> schemas.add(x.asText()));
        p.setSchemas(schemas.isEmpty() ? List.of("public") : schemas);
        p.setUser(n.path("user").asText());
        p.setPlugin(Plugin.parse(n.path("plugin").asText("pgoutput")));
        p.setSslMode(SslMode.parse(n.path("sslmode").asText("prefer")));
        p.setSslRootCert(n.path("sslrootcert").asText(""));
        p.setSslCert(n.path("sslcert").asText(""));
        p.setSslKey(n.path("sslkey").asText(""));
        p.setSavePassword(n.path("savePassword").asBoolean(true));
        p.setDemo(n.path("demo").asBoolean(false));
        p.setApplicationName(n.path("application_name").asText(""));
        p.setConnectTimeout(n.path("connect_timeout").asInt(-1));
        if (n.path("hosts").size() > 1) {
            List<HostPort> hosts = new ArrayList<>();
            n.path("hosts").forEach(x -> hosts.add(HostPort.parse(x.asText(), 5432)));
            p.setHosts(hosts);
        }
        if (n.hasNonNull("target_session_attrs")) {
            p.setTargetSessionAttrs(TargetSessionAttrs.parse(n.path("target_session_attrs").asText()));
        }
        return p;
    }
}
