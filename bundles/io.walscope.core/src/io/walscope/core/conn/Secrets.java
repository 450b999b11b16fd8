package io.walscope.core.conn;

/**
 * The secrets of one connection attempt, kept apart from the profile so that a profile can be saved,
 * logged and exported without them. {@link #toString()} never prints them.
 */
public record Secrets(char[] password, char[] keyPassword) {
    public static final Secrets NONE = new Secrets(null, null);

    public static Secrets of(String password, String keyPassword) {
        return new Secrets(password == null ? null : password.toCharArray(),
                keyPassword == null ? null : keyPassword.toCharArray());
    }

    public boolean hasPassword() {
        return password != null;
    }

    public Secrets withPassword(char[] p) {
        return new Secrets(p, keyPassword);
    }

    public Secrets withKeyPassword(char[] k) {
        return new Secrets(password, k);
    }

    @Override
    public String toString() {
        return "Secrets[password=" + (password == null ? "none" : "***") + ", keyPassword="
                + (keyPassword == null ? "none" : "***") + "]";
    }
}
