package com.skincareshop.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens already verified, and the identity each gave, so that a customer's next request does not verify
 * the same signature again (an RSA verification was the largest part of a routine request after the engine).
 * Asked before smallrye-jwt's own provider, which verifies what is not held here.
 *
 * <p>Keyed by the token's SHA-256, never the token itself: a heap dump shows no usable token. An entry never
 * outlives its token's {@code exp} (checked again at every hit, not only left to the cache's eviction) nor
 * {@code max-age}, which bounds how long a token signed with a key the identity provider has since withdrawn is
 * still accepted; a JWT cannot be revoked before its {@code exp} anyway. At most {@code max-size} entries: a flood of
 * distinct tokens evicts, it does not grow the heap. A token that fails verification is never held.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** Ahead of smallrye-jwt's provider (priority 0), which is asked only when this one is not. */
    static final int PRIORITY = 100;

    private record Verified(SecurityIdentity identity, Instant expires) {}

    private final MpJwtValidator verifier;
    private final Clock clock;
    private final Duration maxAge;
    private final Cache<String, Verified> verified;

    public VerifiedTokens(
            MpJwtValidator verifier,
            Clock clock,
            @ConfigProperty(name = "skincare.security.verified-tokens.max-size", defaultValue = "10000") long maxSize,
            @ConfigProperty(name = "skincare.security.verified-tokens.max-age", defaultValue = "1M") Duration maxAge) {
        this.verifier = verifier;
        this.clock = clock;
        this.maxAge = maxAge;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                // eviction on the caller's thread: the bound holds as soon as put returns, with no pool behind it
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified value, long currentTime) {
                        return Math.max(
                                0,
                                Duration.between(clock.instant(), value.expires())
                                        .toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String key = hash(request.getToken().getToken());
        Verified held = verified.getIfPresent(key);
        if (held != null && clock.instant().isBefore(held.expires())) {
            return Uni.createFrom().item(held.identity());
        }
        return verifier.authenticate(request, context).invoke(identity -> remember(key, identity));
    }

    /** How many verified tokens are held (for tests and the benchmark's notes). */
    public long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private void remember(String key, SecurityIdentity identity) {
        if (identity != null
                && identity.getPrincipal() instanceof JsonWebToken token
                && token.getExpirationTime() > 0) {
            Instant expires = Instant.ofEpochSecond(token.getExpirationTime());
            Instant latest = clock.instant().plus(maxAge);
            verified.put(key, new Verified(identity, expires.isBefore(latest) ? expires : latest));
        }
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
