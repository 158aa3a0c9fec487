package com.skincareshop.containers;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * An identity provider for one run: an RSA key pair generated in memory (nothing is written to disk or shipped), the
 * public key in the PEM form the services read from {@code /etc/skincare/jwt/public-key.pem}, and tokens as the
 * real provider issues them (roles in {@code groups}, the customer id in {@code sub}).
 */
final class TestIssuer {

    static final String ISSUER = "https://auth.skincareshop.example/container-smoke-test";

    private final KeyPair keys;

    private TestIssuer(KeyPair keys) {
        this.keys = keys;
    }

    static TestIssuer generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestIssuer(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the test signing key", e);
        }
    }

    String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    String token(String subject, String role) {
        return sign(subject, role, keys.getPrivate());
    }

    /**
     * The same claims signed with the repository's development key: an image running the prod profile must refuse
     * it, since that key is public.
     */
    static String signedWithTheDevelopmentKey(String subject, String role) {
        return sign(subject, role, developmentKey());
    }

    private static String sign(String subject, String role, PrivateKey key) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .expiresIn(Duration.ofMinutes(30))
                .sign(key);
    }

    private static PrivateKey developmentKey() {
        String resource = "dev-jwt/private-key.pem"; // platform-testing's, committed on purpose
        try (InputStream in = TestIssuer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test class path");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the development key", e);
        }
    }
}
