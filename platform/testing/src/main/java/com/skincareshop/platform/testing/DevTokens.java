package com.skincareshop.platform.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Bearer tokens signed with the DEVELOPMENT key (see dev-jwt/README.md), as the identity provider would issue
 * them: roles in {@code groups}, the customer id in {@code sub}.
 */
public final class DevTokens {

    public static final String ISSUER = "https://auth.skincareshop.example/dev";
    private static final PrivateKey DEV_KEY = loadKey("dev-jwt/private-key.pem");

    private DevTokens() {}

    public static String merchandiser() {
        return issue("merch-1", Set.of("merchandiser"), Duration.ofHours(1));
    }

    public static String storefront() {
        return issue("storefront", Set.of("storefront"), Duration.ofHours(1));
    }

    public static String support() {
        return issue("support-1", Set.of("support"), Duration.ofHours(1));
    }

    public static String customer(String customerId) {
        return issue(customerId, Set.of("customer"), Duration.ofHours(1));
    }

    public static String expiredMerchandiser() {
        return claims("merch-1", Set.of("merchandiser"))
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1)))
                .sign(DEV_KEY);
    }

    public static String issue(String subject, Set<String> roles, Duration lifetime) {
        return claims(subject, roles).expiresIn(lifetime).sign(DEV_KEY);
    }

    private static JwtClaimsBuilder claims(String subject, Set<String> roles) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(roles);
    }

    private static PrivateKey loadKey(String resource) {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the development signing key", e);
        }
    }
}
