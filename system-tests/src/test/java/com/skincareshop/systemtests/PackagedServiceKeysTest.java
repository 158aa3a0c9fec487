package com.skincareshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.LocalPostgres;
import com.skincareshop.platform.testing.TestPostgres;
import com.skincareshop.platform.testing.TokenIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A packaged service (prod profile) verifies tokens against the identity provider or does not start: given the
 * development key, or no audience, it exits at once with one clear line and no stack trace. Each runs on a database
 * of its own (migrated as at any start) and with no broker to reach: the check comes before the broker is needed.
 */
class PackagedServiceKeysTest {

    private static final Path JAR = RunningStack.ROOT.resolve("profile-service/target/quarkus-app/quarkus-run.jar");
    /** A start-up takes seconds; far more on a machine busy with other builds. */
    private static final Duration WITHIN = Duration.ofSeconds(180);

    private static final String DATABASE = "e2e_keys";
    private static final String ROLE = "profile";

    @BeforeAll
    static void database() {
        LocalPostgres postgres = TestPostgres.server();
        postgres.dropDatabase(DATABASE);
        postgres.ensureDatabase(DATABASE, ROLE, ROLE);
    }

    @Test
    void theDevelopmentKeyIsRefusedAtStartUp(@TempDir Path dir) throws Exception {
        // the development key copied next to the service, as one mistaken variable would point at it
        Path copied = TokenIssuer.development().writePublicKey(dir.resolve("public-key.pem"));
        Started run = start(dir, settings(copied.toString(), TokenIssuer.AUDIENCE));
        assertThat(run.exitCode()).as("exit code; output:\n" + run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains("Refusing to start: the token verification key from " + copied + " is the DEVELOPMENT key")
                .contains("Set MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                .doesNotContain("\tat ") // no stack trace
                .doesNotContain("Listening on"); // nothing was ever served
    }

    @Test
    void aMissingAudienceIsRefusedAtStartUp(@TempDir Path dir) throws Exception {
        Path key = TokenIssuer.generate("https://auth.skincareshop.example/keys-test")
                .writePublicKey(dir.resolve("public-key.pem"));
        Started run = start(dir, settings(key.toString(), null));
        assertThat(run.exitCode()).as("exit code; output:\n" + run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains("Refusing to start: no token audience is configured: set JWT_AUDIENCE")
                .doesNotContain("\tat ");
    }

    @Test
    void theProvidersKeyPassesTheCheck(@TempDir Path dir) throws Exception {
        Path key = TokenIssuer.generate("https://auth.skincareshop.example/keys-test")
                .writePublicKey(dir.resolve("public-key.pem"));
        Started run = start(dir, settings(key.toString(), TokenIssuer.AUDIENCE));
        assertThat(run.exitCode()).as("still running; output:\n" + run.output()).isNull();
        assertThat(run.output()).contains("Tokens are verified against 1 key(s) of the identity provider");
    }

    private static Map<String, String> settings(String keyLocation, String audience) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(KafkaBroker.freePort()));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", TestPostgres.server().jdbcUrl(DATABASE));
        environment.put("QUARKUS_DATASOURCE_USERNAME", ROLE);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", ROLE);
        // nothing listens there: the check must not need the broker
        environment.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + KafkaBroker.freePort());
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keyLocation);
        environment.put("JWT_ISSUER", "https://auth.skincareshop.example/keys-test");
        if (audience != null) {
            environment.put("JWT_AUDIENCE", audience);
        }
        return environment;
    }

    /** {@code exitCode} null: the service was still running when the check had passed (then it was stopped). */
    private record Started(Integer exitCode, String output) {}

    private static Started start(Path dir, Map<String, String> environment) throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged service (./mvnw package)").exists();
        Path log = dir.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("JWT_") || name.startsWith("MP_JWT_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            Instant deadline = Instant.now().plus(WITHIN);
            while (Instant.now().isBefore(deadline)) {
                if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    return new Started(process.exitValue(), Files.readString(log));
                }
                if (Files.readString(log).contains("Tokens are verified against")) {
                    return new Started(null, Files.readString(log));
                }
            }
            throw new AssertionError(
                    "the service neither stopped nor passed the check; output:\n" + Files.readString(log));
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
