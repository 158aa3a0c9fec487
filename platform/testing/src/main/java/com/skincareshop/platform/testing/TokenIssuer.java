package com.skincareshop.platform.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stands for the shop's identity provider: an RSA key pair with a key id, an issuer and the audience the services
 * check, and the tokens the provider issues (roles in {@code groups}, the customer id in {@code sub}). The one place
 * where tokens are minted, for the tests, the local run, the system tests and the measurement tools.
 *
 * <p>{@link #development()} signs with the committed DEVELOPMENT key (dev-jwt/README.md), which only the test and
 * dev profiles accept; everything that runs the packaged services (the prod profile) uses {@link #generate} or
 * {@link #persistent}, since a packaged service refuses to start with the development key.
 *
 * <p>Delegation follows OAuth 2.0 token exchange (RFC 8693): {@link #storefrontFor} is the token the storefront gets
 * for a signed-in customer, whose {@code sub} is the customer and whose {@code act} claim names the storefront.
 */
public final class TokenIssuer {

    /** The development key's issuer, which the test and dev profiles expect. */
    public static final String DEVELOPMENT_ISSUER = "https://auth.skincareshop.example/dev";
    /** The audience the test and dev profiles expect; a generated issuer uses it too unless told otherwise. */
    public static final String AUDIENCE = "skincare-routines";
    /** The storefront's client id: the {@code sub} of its own token, the actor of the tokens it holds for customers. */
    public static final String STOREFRONT = "storefront";

    private static final String DEVELOPMENT_PRIVATE_KEY = "dev-jwt/private-key.pem";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private static volatile TokenIssuer development;

    private final String issuer;
    private final String audience;
    private final String keyId;
    private final KeyPair keys;

    private TokenIssuer(String issuer, String audience, String keyId, KeyPair keys) {
        this.issuer = issuer;
        this.audience = audience;
        this.keyId = keyId;
        this.keys = keys;
    }

    /** The committed development key pair: accepted by the test and dev profiles only. */
    public static TokenIssuer development() {
        if (development == null) {
            development = new TokenIssuer(DEVELOPMENT_ISSUER, AUDIENCE, "dev", keyPair(resource()));
        }
        return development;
    }

    /** A key pair generated in memory for one run (nothing written anywhere), with a fresh key id. */
    public static TokenIssuer generate(String issuer) {
        return new TokenIssuer(issuer, AUDIENCE, newKeyId(), newKeyPair());
    }

    /**
     * A key pair kept in {@code directory} ({@code private-key.pem}, {@code public-key.pem}, {@code key-id}),
     * generated there the first time: what the local run uses, so that its printed tokens survive a restart.
     */
    public static TokenIssuer persistent(Path directory, String issuer) {
        Path privateKey = directory.resolve("private-key.pem");
        Path kid = directory.resolve("key-id");
        try {
            if (!Files.exists(privateKey) || !Files.exists(kid)) {
                TokenIssuer fresh = generate(issuer);
                Files.createDirectories(directory);
                Files.writeString(directory.resolve("public-key.pem"), fresh.publicKeyPem());
                Files.writeString(privateKey, fresh.privateKeyPem());
                Files.writeString(kid, fresh.keyId + "\n");
                return fresh;
            }
            return new TokenIssuer(
                    issuer, AUDIENCE, Files.readString(kid).strip(), keyPair(Files.readString(privateKey)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the signing key in " + directory, e);
        }
    }

    /** The same issuer and audience with a new key pair and key id: the provider rotating its signing key. */
    public TokenIssuer rotated() {
        return new TokenIssuer(issuer, audience, newKeyId(), newKeyPair());
    }

    /** The same key, issuing as {@code otherIssuer}: the development key's claims made to look like another's. */
    public TokenIssuer as(String otherIssuer) {
        return new TokenIssuer(otherIssuer, audience, keyId, keys);
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    public String keyId() {
        return keyId;
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    // ---- tokens ----------------------------------------------------------------------------------------------

    public String merchandiser() {
        return issue("merch-1", Set.of("merchandiser"), LIFETIME);
    }

    /** The storefront's own service token: no customer, so only what needs none (the preview). */
    public String storefront() {
        return issue(STOREFRONT, Set.of("storefront"), LIFETIME);
    }

    public String support() {
        return issue("support-1", Set.of("support"), LIFETIME);
    }

    /** A signed-in customer's own token. */
    public String customer(String customerId) {
        return issue(customerId, Set.of("customer"), LIFETIME);
    }

    /**
     * What the storefront receives from the provider's token exchange for a signed-in customer: {@code sub} the
     * customer, {@code groups} the customer's, {@code act} the storefront. Bound to that one customer.
     */
    public String storefrontFor(String customerId) {
        return delegated(customerId, STOREFRONT, LIFETIME);
    }

    /** A customer-bound token held by {@code actor} for the customer (RFC 8693 {@code act} claim). */
    public String delegated(String customerId, String actor, Duration lifetime) {
        return sign(claims(customerId, Set.of("customer"))
                .claim("act", Map.of("sub", actor))
                .expiresIn(lifetime));
    }

    public String expiredMerchandiser() {
        return sign(claims("merch-1", Set.of("merchandiser"))
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1))));
    }

    public String issue(String subject, Set<String> roles, Duration lifetime) {
        return sign(claims(subject, roles).expiresIn(lifetime));
    }

    /** The claims this provider puts in every token (issuer, audience, subject, roles), for a test to change. */
    public JwtClaimsBuilder claims(String subject, Set<String> roles) {
        return Jwt.issuer(issuer)
                .audience(audience)
                .subject(subject)
                .upn(subject)
                .groups(roles);
    }

    /** Signs with this provider's key, naming it by its key id ({@code kid}), as a JWKS-publishing provider does. */
    public String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(keyId).sign(keys.getPrivate());
    }

    // ---- the public key, as the services read it -------------------------------------------------------------

    /** The public key in PEM (SubjectPublicKeyInfo), for {@code mp.jwt.verify.publickey.location}. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", keys.getPublic().getEncoded());
    }

    /** Writes {@link #publicKeyPem()} to {@code file} and returns the file. */
    public Path writePublicKey(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, publicKeyPem());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This key as a JSON Web Key (RFC 7517): RSA, for signatures, RS256, with its key id. */
    public String jwk() {
        RSAPublicKey key = publicKey();
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + keyId + "\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}";
    }

    /** A JSON Web Key Set of the given providers' keys, as the provider's JWKS URL serves it. */
    public static String jwks(TokenIssuer... issuers) {
        return Arrays.stream(issuers).map(TokenIssuer::jwk).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    // ---- keys ------------------------------------------------------------------------------------------------

    private String privateKeyPem() {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) { // the sign byte: a JWK holds the unsigned big-endian value
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String newKeyId() {
        return UUID.randomUUID().toString();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    private static String resource() {
        try (InputStream in = TokenIssuer.class.getClassLoader().getResourceAsStream(DEVELOPMENT_PRIVATE_KEY)) {
            if (in == null) {
                throw new IllegalStateException(DEVELOPMENT_PRIVATE_KEY + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PKCS#8 private key in PEM, with its public half derived from it. */
    private static KeyPair keyPair(String privateKeyPem) {
        String base64 = privateKeyPem
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new KeyPair(
                    rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent())),
                    privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the signing key", e);
        }
    }
}
