package com.skincareshop.platform.testing;

import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.util.Set;

/**
 * The tokens of the services' own tests ({@code @QuarkusTest}, the test profile): {@link TokenIssuer#development()},
 * signed with the DEVELOPMENT key (see dev-jwt/README.md), which only the test and dev profiles accept.
 */
public final class DevTokens {

    public static final String ISSUER = TokenIssuer.DEVELOPMENT_ISSUER;

    private DevTokens() {}

    public static String merchandiser() {
        return TokenIssuer.development().merchandiser();
    }

    /** The storefront's service token, bound to no customer. */
    public static String storefront() {
        return TokenIssuer.development().storefront();
    }

    /** The token the storefront holds for a signed-in customer (token exchange: {@code act} = the storefront). */
    public static String storefrontFor(String customerId) {
        return TokenIssuer.development().storefrontFor(customerId);
    }

    public static String support() {
        return TokenIssuer.development().support();
    }

    public static String customer(String customerId) {
        return TokenIssuer.development().customer(customerId);
    }

    public static String expiredMerchandiser() {
        return TokenIssuer.development().expiredMerchandiser();
    }

    public static String issue(String subject, Set<String> roles, Duration lifetime) {
        return TokenIssuer.development().issue(subject, roles, lifetime);
    }

    /** The development provider's claims, for a test to change one (another audience, say), then {@link #sign}. */
    public static JwtClaimsBuilder claims(String subject, Set<String> roles) {
        return TokenIssuer.development().claims(subject, roles);
    }

    public static String sign(JwtClaimsBuilder claims) {
        return TokenIssuer.development().sign(claims);
    }
}
