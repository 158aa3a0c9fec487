package com.skincareshop.local;

import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.LocalPostgres;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the flow on this machine: the local PostgreSQL (started if stopped), a Kafka broker, every service as its
 * packaged jar, and the demo catalogue. Data stays in {@code .local/} between runs. Ctrl-C stops what it started.
 */
public final class LocalRun {

    /** One entry per service; later issues add profile-service and recommendation-service here. */
    record Service(String name, int port, String database) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("catalog-service", 8081, "catalog"),
            new Service("profile-service", 8082, "profile"));
    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;

    private final Path root;
    private final Path data;
    private final List<Process> started = new ArrayList<>();
    private KafkaBroker broker;

    private LocalRun(Path root) {
        this.root = root;
        this.data = root.resolve(".local");
    }

    /** Arguments: the repository root, then optionally {@code --reset}. run.sh holds the lock against a second run. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        LocalRun run = new LocalRun(root);
        if (args.length > 1 && args[1].equals("--reset")) {
            run.reset();
        } else {
            run.run();
        }
    }

    private void run() throws Exception {
        Files.createDirectories(data.resolve("logs"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-run-shutdown"));
        startInfrastructure();
        for (Service service : SERVICES) {
            startService(service);
        }
        for (Service service : SERVICES) {
            awaitReady(service);
        }
        importDemoCatalogue();
        printWelcome();
        while (true) {
            for (Process process : started) {
                if (!process.isAlive()) {
                    System.err.println("A service exited (code " + process.exitValue() + "); see "
                            + data.resolve("logs") + ". Stopping.");
                    System.exit(1);
                }
            }
            Thread.sleep(1000);
        }
    }

    /** Forgets everything the local run stored: the services' databases and the broker's data. */
    private void reset() throws IOException {
        LocalPostgres postgres = LocalPostgres.fromEnvironment().ensureRunning();
        for (Service service : SERVICES) {
            postgres.dropDatabase(service.database());
            step("dropped database " + service.database());
        }
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .filter(p -> !p.equals(data.resolve("run.lock")))
                        .forEach(p -> p.toFile().delete());
            }
            step("deleted " + data);
        }
    }

    private void startInfrastructure() {
        step("PostgreSQL: starting if stopped, creating databases if missing");
        LocalPostgres postgres = LocalPostgres.fromEnvironment().ensureRunning();
        for (Service service : SERVICES) {
            postgres.ensureDatabase(service.database(), service.database(), service.database());
        }
        step("Kafka: broker on 127.0.0.1:" + KAFKA_PORT + ", data in " + data.resolve("kafka"));
        broker = KafkaBroker.persistent(data.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT).start();
    }

    private void startService(Service service) throws IOException {
        Path jar = root.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package first");
        }
        LocalPostgres postgres = LocalPostgres.fromEnvironment();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(service.port()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(service.database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", service.database());
        env.put("QUARKUS_DATASOURCE_PASSWORD", service.database());
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("SKINCARE_KAFKA_REPLICATION_FACTOR", "1"); // one local broker
        // the production profile with development keys: what runs here is what ships
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "dev-jwt/public-key.pem");
        env.put("JWT_ISSUER", DevTokens.ISSUER);
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        step(service.name() + ": http://localhost:" + service.port() + " (log: .local/logs/" + service.name() + ".log)");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("logs/" + service.name() + ".log").toFile()));
        builder.environment().putAll(env);
        started.add(builder.start());
    }

    private void awaitReady(Service service) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + service.port() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service.name() + " did not become ready; see .local/logs/" + service.name() + ".log");
    }

    private void importDemoCatalogue() throws Exception {
        Path catalogue = root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:8081/api/products/import"))
                .header("Authorization", "Bearer " + DevTokens.merchandiser())
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(catalogue)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("demo catalogue import failed: " + response.body());
        }
        String summary = response.body().replaceAll(",\"lines\".*", "}");
        step("Demo catalogue imported: " + summary);
    }

    private void printWelcome() {
        String merchandiser = DevTokens.issue("merch-1", java.util.Set.of("merchandiser"), Duration.ofDays(7));
        String storefront = DevTokens.issue("storefront", java.util.Set.of("storefront"), Duration.ofDays(7));
        String customer = DevTokens.issue("c-42", java.util.Set.of("customer"), Duration.ofDays(7));
        String support = DevTokens.issue("support-1", java.util.Set.of("support"), Duration.ofDays(7));
        System.out.println("""

                Running. Ctrl-C stops everything this command started.

                  catalog-service  http://localhost:8081/api/products        (OpenAPI /q/openapi, health /q/health)
                  profile-service  http://localhost:8082/api/questionnaire   (OpenAPI /q/openapi, health /q/health)
                  Kafka            %s   (topics catalog.products.v1, profiles.skin.v1)
                  data             %s

                Development tokens (valid 7 days; signed with the committed DEV key), also in .local/tokens.env:
                  export MERCHANDISER=%s
                  export STOREFRONT=%s
                  export CUSTOMER=%s   # sub c-42
                  export SUPPORT=%s

                Try:
                  curl -s 'http://localhost:8082/api/questionnaire?locale=tl'
                  curl -s -X PUT http://localhost:8082/api/profiles/c-42 -H "Authorization: Bearer $CUSTOMER" \\
                       -H 'Content-Type: application/json' -d @deploy/local/examples/profile.json
                  curl -s 'http://localhost:8081/api/products?category=SERUM&concern=DARK_SPOTS&locale=lv&size=3'
                """.formatted(broker.bootstrapServers(), data, merchandiser, storefront, customer, support));
        try {
            Files.writeString(data.resolve("tokens.env"), "export MERCHANDISER=" + merchandiser
                    + "\nexport STOREFRONT=" + storefront + "\nexport CUSTOMER=" + customer
                    + "\nexport SUPPORT=" + support + "\n");
        } catch (IOException e) {
            // the tokens were printed; the file is a convenience
        }
    }

    private synchronized void stopAll() {
        if (started.isEmpty() && broker == null) {
            return;
        }
        System.out.println("\nStopping...");
        for (Process process : started) {
            process.destroy();
        }
        for (Process process : started) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
        if (broker != null) {
            broker.stop();
            broker = null;
        }
        System.out.println("Stopped. Data kept in " + data + " (deploy/local/run.sh --reset starts afresh).");
    }

    private static void step(String message) {
        System.out.println("==> " + message);
    }
}
