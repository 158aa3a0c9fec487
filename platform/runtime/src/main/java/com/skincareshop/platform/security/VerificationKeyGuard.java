package com.skincareshop.platform.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A packaged service (anything but dev and test) refuses to start unless tokens are verified against the identity
 * provider: its issuer and audience set, and its keys readable and none of them the development key, whose private
 * half is in the repository for anyone to sign with. One copied variable pointing at that key would otherwise let
 * anyone mint merchandiser or support tokens, with nothing failing.
 *
 * <p>Only the development key's fingerprint is here, never the key: the SHA-256 of its X.509 encoding
 * (SubjectPublicKeyInfo, what {@code openssl pkey -pubin -outform DER | sha256sum} digests). The refusal is a
 * {@link ConfigurationException}, which Quarkus prints as its message alone, and the process exits with 1.
 */
@ApplicationScoped
public class VerificationKeyGuard {

    /** SHA-256 of the development public key's encoded form, in lower-case hex. */
    public static final String DEVELOPMENT_KEY_FINGERPRINT =
            "7062f6257c40a77a0e1c190cf6df7fdd3bd4f73d70381b8c9bbf1d7637a743ab";

    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";
    static final String KEY = "mp.jwt.verify.publickey";
    static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";

    private static final Logger LOG = Logger.getLogger(VerificationKeyGuard.class);

    /** Before anything else that starts with the service (the Kafka loops, the relay): a refusal leaves nothing running. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        if (LaunchMode.current().isDevOrTest()) {
            return; // the development key is what dev mode and the tests verify with
        }
        Config config = ConfigProvider.getConfig();
        int keys = check(
                config.getOptionalValue(ISSUER, String.class),
                config.getOptionalValue(AUDIENCES, String.class),
                config.getOptionalValue(KEY, String.class),
                config.getOptionalValue(KEY_LOCATION, String.class));
        LOG.infof("Tokens are verified against %d key(s) of the identity provider", keys);
    }

    /**
     * Refuses (a {@link ConfigurationException} saying what to set) a missing issuer, audience or key, a key that
     * cannot be read, and the development key; else the number of verification keys.
     */
    static int check(
            Optional<String> issuer, Optional<String> audiences, Optional<String> key, Optional<String> location) {
        if (issuer.isEmpty()) {
            throw refusal(
                    "no token issuer is configured: set JWT_ISSUER (" + ISSUER + ") to the identity provider's"
                            + " issuer",
                    ISSUER);
        }
        if (audiences.isEmpty()) {
            throw refusal(
                    "no token audience is configured: set JWT_AUDIENCE (" + AUDIENCES + ") to the audience"
                            + " the identity provider issues this service's tokens for",
                    AUDIENCES);
        }
        String where;
        String content;
        if (key.isPresent()) {
            where = KEY;
            content = key.get();
        } else if (location.isPresent()) {
            where = location.get();
            content = read(where);
        } else {
            throw refusal(
                    "no token verification key is configured: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (" + KEY_LOCATION
                            + ") to the identity provider's JWKS URL or public key file",
                    KEY_LOCATION);
        }
        List<PublicKey> keys = keysIn(content);
        if (keys.isEmpty()) {
            throw refusal(
                    "no public key could be read from " + where + " (" + KEY_LOCATION + "): expected a PEM"
                            + " public key or certificate, a JWK or a JWK set",
                    KEY_LOCATION);
        }
        for (PublicKey candidate : keys) {
            if (isDevelopmentKey(candidate)) {
                throw refusal(
                        "the token verification key from " + where + " is the DEVELOPMENT key, whose private half"
                                + " is public: anyone could sign tokens with any role. Set MP_JWT_VERIFY_PUBLICKEY_LOCATION ("
                                + KEY_LOCATION + ") to the identity provider's JWKS URL or public key.",
                        KEY_LOCATION);
            }
        }
        return keys.size();
    }

    public static boolean isDevelopmentKey(PublicKey key) {
        return fingerprint(key).equals(DEVELOPMENT_KEY_FINGERPRINT);
    }

    /** SHA-256 of the key's encoded form (X.509 SubjectPublicKeyInfo for a public key), lower-case hex. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Every public key in {@code content}: a JWK set, one JWK, a PEM certificate or a PEM or bare base64 key. */
    static List<PublicKey> keysIn(String content) {
        String text = content.strip();
        List<PublicKey> keys = new ArrayList<>();
        if (text.startsWith("{")) {
            List<JsonWebKey> jwks = KeyUtils.loadJsonWebKeys(text);
            if (jwks != null) {
                for (JsonWebKey jwk : jwks) {
                    if (jwk instanceof PublicJsonWebKey publicJwk && publicJwk.getPublicKey() != null) {
                        keys.add(publicJwk.getPublicKey());
                    }
                }
            }
            return keys;
        }
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            try {
                keys.add(CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
                        .getPublicKey());
            } catch (GeneralSecurityException e) {
                // not a certificate after all: no key
            }
            return keys;
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
        } catch (IllegalArgumentException e) {
            return keys;
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                keys.add(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der)));
                return keys;
            } catch (GeneralSecurityException e) {
                // another algorithm, or no key
            }
        }
        return keys;
    }

    /** The content as SmallRye JWT reads it: a URL, a {@code file:} or {@code classpath:} location, else either. */
    private static String read(String location) {
        try {
            String content = ResourceUtils.readResource(location);
            if (content == null || content.isBlank()) {
                throw refusal(
                        "the token verification key " + location + " (" + KEY_LOCATION + ") was not found",
                        KEY_LOCATION);
            }
            return content;
        } catch (IOException e) {
            throw refusal(
                    "the token verification key " + location + " (" + KEY_LOCATION + ") cannot be read: " + e,
                    KEY_LOCATION);
        }
    }

    /** Without a cause: Quarkus prints the message of the root cause alone when it is a configuration problem. */
    private static ConfigurationException refusal(String message, String setting) {
        return new ConfigurationException("Refusing to start: " + message, Set.of(setting));
    }
}
