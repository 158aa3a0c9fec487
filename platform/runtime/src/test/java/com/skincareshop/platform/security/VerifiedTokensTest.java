package com.skincareshop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * The cache's rules, with the signature check replaced by a table of which tokens are good until when: the real
 * verification is smallrye-jwt's, exercised by every service's API tests through this cache.
 */
class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Good tokens and their {@code exp}; counts the verifications asked of it. */
    private static final class Verifier extends MpJwtValidator {
        final Map<String, Instant> good = new HashMap<>();
        final TestClock clock;
        int verifications;

        Verifier(TestClock clock) {
            this.clock = clock;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
                TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            verifications++;
            String token = request.getToken().getToken();
            Instant exp = good.get(token);
            if (exp == null || !clock.instant().isBefore(exp)) {
                return Uni.createFrom().failure(new AuthenticationFailedException("bad or expired"));
            }
            return Uni.createFrom().item(identity(token, exp));
        }
    }

    private final TestClock clock = new TestClock();
    private final Verifier verifier = new Verifier(clock);

    private VerifiedTokens tokens(long maxSize, Duration maxAge) {
        return new VerifiedTokens(verifier, clock, maxSize, maxAge);
    }

    private static SecurityIdentity authenticate(VerifiedTokens tokens, String token) {
        return tokens.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), null)
                .await()
                .indefinitely();
    }

    @Test
    void aTokenIsVerifiedOnceAndItsIdentityGivenAgain() {
        VerifiedTokens tokens = tokens(100, Duration.ofMinutes(1));
        verifier.good.put("a.b.c", START.plusSeconds(300));
        SecurityIdentity first = authenticate(tokens, "a.b.c");
        SecurityIdentity second = authenticate(tokens, "a.b.c");
        assertThat(second).isSameAs(first);
        assertThat(second.getRoles()).containsExactly("customer");
        assertThat(verifier.verifications).isEqualTo(1);
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void aHeldTokenIsNeverAcceptedAtOrPastItsExp() {
        VerifiedTokens tokens = tokens(100, Duration.ofHours(1));
        verifier.good.put("a.b.c", START.plusSeconds(30));
        authenticate(tokens, "a.b.c");
        clock.now = START.plusSeconds(29);
        authenticate(tokens, "a.b.c");
        assertThat(verifier.verifications).isEqualTo(1);
        clock.now = START.plusSeconds(30);
        assertThatThrownBy(() -> authenticate(tokens, "a.b.c")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(verifier.verifications).isEqualTo(2);
    }

    @Test
    void aTokenIsVerifiedAgainAfterTheMaxAgeEvenBeforeItsExp() {
        VerifiedTokens tokens = tokens(100, Duration.ofMinutes(1));
        verifier.good.put("a.b.c", START.plusSeconds(3600));
        authenticate(tokens, "a.b.c");
        clock.now = START.plusSeconds(59);
        authenticate(tokens, "a.b.c");
        assertThat(verifier.verifications).isEqualTo(1);
        // the identity provider withdrew the key meanwhile: verification now fails, and so does the request
        verifier.good.clear();
        clock.now = START.plusSeconds(60);
        assertThatThrownBy(() -> authenticate(tokens, "a.b.c")).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aTokenThatFailsIsNeverHeldAndAnyOtherTokenIsVerifiedItself() {
        VerifiedTokens tokens = tokens(100, Duration.ofMinutes(1));
        verifier.good.put("a.b.c", START.plusSeconds(300));
        authenticate(tokens, "a.b.c");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> authenticate(tokens, "a.b.d")).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThat(verifier.verifications).isEqualTo(4);
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void aFloodOfDistinctTokensIsBoundedByTheMaxSize() {
        VerifiedTokens tokens = tokens(100, Duration.ofMinutes(1));
        for (int i = 0; i < 5_000; i++) {
            verifier.good.put("t." + i, START.plusSeconds(300));
            authenticate(tokens, "t." + i);
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(100);
    }

    private static SecurityIdentity identity(String token, Instant exp) {
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "c-1";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("sub", "exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return switch (claim) {
                    case "sub" -> (T) "c-1";
                    case "exp" -> (T) Long.valueOf(exp.getEpochSecond());
                    case "raw_token" -> (T) token;
                    default -> null;
                };
            }
        };
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(jwt)
                .addRole("customer")
                .build();
    }
}
