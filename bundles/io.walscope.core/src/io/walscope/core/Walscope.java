package io.walscope.core;

/** Constants that name the product. */
public final class Walscope {
    /** Product version as users see it. */
    public static final String VERSION = "0.1.0";
    /**
     * Home of Walscope's own files: {@code ~/.walscope}, or {@code $WALSCOPE_HOME} (or the system property
     * {@code walscope.home}, which tests use) when set.
     */
    public static java.nio.file.Path home() {
        String env = System.getProperty("walscope.home", System.getenv("WALSCOPE_HOME"));
        if (env != null && !env.isBlank()) {
            return java.nio.file.Path.of(env);
        }
        return java.nio.file.Path.of(System.getProperty("user.home"), ".walscope");
    }

    private Walscope() {
    }
}
