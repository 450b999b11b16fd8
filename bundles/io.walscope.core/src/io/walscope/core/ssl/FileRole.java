package io.walscope.core.ssl;

/** Which of the three SSL file fields a file was chosen for; messages name the file by it. */
public enum FileRole {
    CA_CERTIFICATE("CA certificate"), CLIENT_CERTIFICATE("client certificate"), CLIENT_KEY("client key");

    private final String label;

    FileRole(String label) {
        this.label = label;
    }

    /** "CA certificate", "client certificate", "client key". */
    public String label() {
        return label;
    }
}
