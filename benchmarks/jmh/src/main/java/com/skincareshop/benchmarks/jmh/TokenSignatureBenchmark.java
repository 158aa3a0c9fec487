package com.skincareshop.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor of every authenticated request (docs/PERFORMANCE.md, HTTP): checking one RS256 signature, the
 * cryptography alone, of a token shaped like the services' (an RSA key pair of 2048 bits, as the identity provider's,
 * generated for the run). No JSON, no claims: what SmallRye JWT cannot skip whatever else it does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenSignatureBenchmark {

    private PublicKey publicKey;
    private byte[] signingInput;
    private byte[] signature;

    @Setup
    public void sign() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        PrivateKey privateKey = keys.getPrivate();
        publicKey = keys.getPublic();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"https://auth.skincareshop.example/dev\",\"sub\":\"c-42\","
                        + "\"groups\":[\"customer\"],\"iat\":1764576000,\"exp\":1764597600,\"jti\":\"b3c1d0e2\"}")
                .getBytes(StandardCharsets.UTF_8));
        signingInput = (header + "." + claims).getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(signingInput);
        signature = signer.sign();
        if (!verifyRs256()) {
            throw new IllegalStateException("the signature does not verify");
        }
    }

    @Benchmark
    public boolean verifyRs256() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }
}
