package com.skincareshop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skincareshop.platform.testing.JwksServer;
import com.skincareshop.platform.testing.TokenIssuer;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a packaged service accepts as its token verification settings, and the development key it refuses. */
class VerificationKeyGuardTest {

    private static final Optional<String> ISSUER = Optional.of("https://auth.skincareshop.example");
    private static final Optional<String> AUDIENCE = Optional.of("skincare-routines");

    private final TokenIssuer provider = TokenIssuer.generate(ISSUER.get());

    @Test
    void theFingerprintIsTheDevelopmentKeys() throws IOException {
        // the key itself is only on the test class path (platform-testing); runtime code holds its digest
        assertThat(VerificationKeyGuard.keysIn(developmentPublicKeyPem()))
                .singleElement()
                .satisfies(key -> assertThat(VerificationKeyGuard.fingerprint(key))
                        .isEqualTo(VerificationKeyGuard.DEVELOPMENT_KEY_FINGERPRINT));
        assertThat(VerificationKeyGuard.fingerprint(TokenIssuer.development().publicKey()))
                .isEqualTo(VerificationKeyGuard.DEVELOPMENT_KEY_FINGERPRINT);
        assertThat(VerificationKeyGuard.isDevelopmentKey(provider.publicKey())).isFalse();
    }

    @Test
    void theProvidersKeyIsAcceptedFromAFileAJwkSetOrInline(@TempDir Path dir) {
        Path pem = provider.writePublicKey(dir.resolve("public-key.pem"));
        assertThat(VerificationKeyGuard.check(ISSUER, AUDIENCE, Optional.empty(), Optional.of(pem.toString())))
                .isEqualTo(1);
        assertThat(VerificationKeyGuard.check(
                        ISSUER, AUDIENCE, Optional.empty(), Optional.of("file:" + pem.toAbsolutePath())))
                .isEqualTo(1);
        assertThat(VerificationKeyGuard.check(ISSUER, AUDIENCE, Optional.of(provider.publicKeyPem()), Optional.empty()))
                .isEqualTo(1);
        assertThat(VerificationKeyGuard.check(
                        ISSUER,
                        AUDIENCE,
                        Optional.of(TokenIssuer.jwks(provider, provider.rotated())),
                        Optional.empty()))
                .isEqualTo(2);
        try (JwksServer jwks = JwksServer.serving(provider, provider.rotated())) {
            assertThat(VerificationKeyGuard.check(ISSUER, AUDIENCE, Optional.empty(), Optional.of(jwks.url())))
                    .isEqualTo(2);
            assertThat(jwks.fetches()).isEqualTo(1);
        }
    }

    @Test
    void theDevelopmentKeyIsRefusedHoweverItComes(@TempDir Path dir) throws IOException {
        Path pem = Files.writeString(dir.resolve("copied.pem"), developmentPublicKeyPem());
        assertRefused(Optional.empty(), Optional.of(pem.toString()), "is the DEVELOPMENT key");
        assertRefused(Optional.empty(), Optional.of("classpath:dev-jwt/public-key.pem"), "is the DEVELOPMENT key");
        assertRefused(Optional.of(developmentPublicKeyPem()), Optional.empty(), "is the DEVELOPMENT key");
        // slipped into a key set beside the real key, or served at a JWKS URL
        String set = TokenIssuer.jwks(provider, TokenIssuer.development());
        assertRefused(Optional.of(set), Optional.empty(), "is the DEVELOPMENT key");
        try (JwksServer jwks = JwksServer.serving(TokenIssuer.development())) {
            assertRefused(Optional.empty(), Optional.of(jwks.url()), "is the DEVELOPMENT key");
        }
    }

    @Test
    void missingSettingsAreRefusedNamingWhatToSet(@TempDir Path dir) {
        Optional<String> key = Optional.of(provider.publicKeyPem());
        assertThatThrownBy(() -> VerificationKeyGuard.check(Optional.empty(), AUDIENCE, key, Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("set JWT_ISSUER (mp.jwt.verify.issuer)");
        assertThatThrownBy(() -> VerificationKeyGuard.check(ISSUER, Optional.empty(), key, Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("set JWT_AUDIENCE (mp.jwt.verify.audiences)");
        assertRefused(Optional.empty(), Optional.empty(), "set MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertRefused(Optional.empty(), Optional.of(dir.resolve("absent.pem").toString()), "cannot be read");
        assertRefused(Optional.of("not a key at all"), Optional.empty(), "no public key could be read");
        assertRefused(Optional.of("{\"keys\":[]}"), Optional.empty(), "no public key could be read");
    }

    private void assertRefused(Optional<String> key, Optional<String> location, String saying) {
        assertThatThrownBy(() -> VerificationKeyGuard.check(ISSUER, AUDIENCE, key, location))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Refusing to start: ")
                .hasMessageContaining(saying)
                .hasNoCause() // Quarkus prints the root cause's message alone: no stack trace
                .satisfies(e ->
                        assertThat(((ConfigurationException) e).getConfigKeys()).isNotEmpty());
    }

    private static String developmentPublicKeyPem() throws IOException {
        try (InputStream in =
                VerificationKeyGuardTest.class.getClassLoader().getResourceAsStream("dev-jwt/public-key.pem")) {
            assertThat(in)
                    .as("platform-testing's development key on the test class path")
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
