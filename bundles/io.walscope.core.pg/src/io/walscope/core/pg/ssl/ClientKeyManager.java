package io.walscope.core.pg.ssl;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import io.walscope.core.ssl.ClientIdentity;

/**
 * Offers the one client identity the user chose, whatever CA names the server lists: like libpq, Walscope
 * sends the certificate and lets the server decide (so that a certificate from the wrong CA produces the
 * server's refusal, not a silent "no certificate").
 */
final class ClientKeyManager extends X509ExtendedKeyManager {
    static final String ALIAS = "walscope-client";
    private final ClientIdentity identity;

    ClientKeyManager(ClientIdentity identity) {
        this.identity = identity;
    }

    private boolean fits(String keyType) {
        String alg = identity.privateKey().getAlgorithm();
        if (keyType == null) {
            return true;
        }
        return switch (alg) {
            case "RSA" -> keyType.equals("RSA") || keyType.equals("RSASSA-PSS");
            case "EC", "ECDSA" -> keyType.equals("EC") || keyType.startsWith("EC_");
            case "Ed25519", "Ed448", "EdDSA" -> keyType.equals("EdDSA") || keyType.equals(alg);
            default -> keyType.equals(alg);
        };
    }

    private String choose(String[] keyTypes) {
        if (keyTypes == null) {
            return ALIAS;
        }
        for (String k : keyTypes) {
            if (fits(k)) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] { ALIAS } : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? identity.chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? identity.privateKey() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
