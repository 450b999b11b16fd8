package io.walscope.core.setup;

import java.security.SecureRandom;

/** Generated passwords for the roles the setup creates: random, long, letters and digits only (no quoting trouble). */
public final class Passwords {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** A password of {@code length} characters (about 5.8 bits each). */
    public static char[] generate(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return out;
    }
}
