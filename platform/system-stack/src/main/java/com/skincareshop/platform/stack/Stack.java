package com.skincareshop.platform.stack;

import com.skincareshop.platform.testing.JwksServer;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.LocalPostgres;
import com.skincareshop.platform.testing.TokenIssuer;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The three services as packaged jars ({@code target/quarkus-app}), each on its own database, all on one broker, each
 * authenticated there as its own principal: what the local run starts, what the system tests drive over HTTP, and
 * what the measurement tools load.
 *
 * <p>They run the prod profile, as they ship, so they verify tokens against an identity provider of the stack's
 * own: a key pair generated for it ({@link #tokens()} mints the tokens), published at a JWKS URL on 127.0.0.1, with
 * the stack's issuer and audience. The development key would be refused.
 */
public final class Stack implements AutoCloseable {

    /**
     * A service, its application and management ports and its database (the role has the same name as the service's
     * default database).
     */
    public record Service(String name, int port, int managementPort, String database, String role) {
        public Service {
            MANAGEMENT_URLS.put("http://localhost:" + port, "http://localhost:" + managementPort);
        }

        public String url() {
            return "http://localhost:" + port;
        }

        /** Health, metrics and the API document. */
        public String managementUrl() {
            return "http://localhost:" + managementPort;
        }
    }

    private static final Map<String, String> MANAGEMENT_URLS = new ConcurrentHashMap<>();

    /**
     * The management URL of the service whose application URL ({@code http://localhost:8083}) this is: for tools
     * that carry one URL per service and read its metrics.
     */
    public static String managementUrlOf(String applicationUrl) {
        String management = MANAGEMENT_URLS.get(applicationUrl);
        if (management == null) {
            throw new IllegalArgumentException("no service of a stack at " + applicationUrl);
        }
        return management;
    }

    /** The issuer of the stack's tokens, unless the caller brings an identity provider of its own. */
    public static final String ISSUER = "https://auth.skincareshop.example/stack";

    /** The services in start-up order; each database role is named after the service's domain. */
    public static final List<String> SERVICE_NAMES =
            List.of("catalog-service", "profile-service", "recommendation-service");

    /** The three services on free ports, each on database {@code <databasePrefix><domain>} (e2e_catalog...). */
    public static List<Service> onFreePorts(String databasePrefix) {
        return SERVICE_NAMES.stream()
                .map(name -> {
                    String domain = name.replace("-service", "");
                    return new Service(
                            name, KafkaBroker.freePort(), KafkaBroker.freePort(), databasePrefix + domain, domain);
                })
                .toList();
    }

    private final Path root;
    private final Path logs;
    private final KafkaBroker broker;
    private final List<Service> services;
    private final List<Process> processes = new ArrayList<>();
    private final LocalPostgres postgres;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private TokenIssuer tokens = TokenIssuer.generate(ISSUER);
    private JwksServer jwks;

    /** On the machine's PostgreSQL ({@link LocalPostgres#fromEnvironment()}). */
    public Stack(Path root, Path logs, KafkaBroker broker, List<Service> services) {
        this(root, logs, broker, services, LocalPostgres.fromEnvironment());
    }

    /** On the given PostgreSQL server (the fault run's own cluster). */
    public Stack(Path root, Path logs, KafkaBroker broker, List<Service> services, LocalPostgres postgres) {
        this.root = root;
        this.logs = logs;
        this.broker = broker;
        this.services = List.copyOf(services);
        this.postgres = postgres;
    }

    public List<Service> services() {
        return services;
    }

    /** The identity provider whose keys the services verify tokens with: it mints the tokens that they accept. */
    public TokenIssuer tokens() {
        return tokens;
    }

    /** Another identity provider for the services started from now on (the local run keeps its key pair). */
    public Stack withTokens(TokenIssuer issuer) {
        if (jwks != null) {
            throw new IllegalStateException("the services already started with another identity provider");
        }
        this.tokens = issuer;
        return this;
    }

    /**
     * More environment for the services launched from now on (a benchmark's setting, say). Ours win over it, but
     * for the identity provider's settings ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}, {@code JWT_ISSUER},
     * {@code JWT_AUDIENCE}), which a test may replace.
     */
    public Stack withEnvironment(Map<String, String> more) {
        environment.putAll(more);
        return this;
    }

    /** Creates what is missing; {@code fresh} drops the databases first (tests start from nothing). */
    public Stack provisionDatabases(boolean fresh) {
        postgres.ensureRunning();
        for (Service service : services) {
            if (fresh) {
                postgres.dropDatabase(service.database());
            }
            postgres.ensureDatabase(service.database(), service.role(), service.role());
        }
        return this;
    }

    public Stack start() throws IOException {
        Files.createDirectories(logs);
        for (Service service : services) {
            processes.add(launch(service));
        }
        return this;
    }

    /** SIGKILL ({@code kill -9}) of one service, and waits until it is gone: no shutdown hook runs. */
    public void kill(String name) throws InterruptedException {
        Process process = processes.get(indexOf(name));
        process.destroyForcibly(); // SIGKILL on Unix
        process.waitFor();
    }

    /** Starts one service again, on the same port and database; its log goes on in the same file. */
    public void restart(String name) throws IOException {
        int index = indexOf(name);
        if (processes.get(index).isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        processes.set(index, launch(services.get(index)));
    }

    private int indexOf(String name) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no service " + name);
    }

    private Process launch(Service service) throws IOException {
        Path jar = root.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package first");
        }
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(service.name() + ".log").toFile()));
        // the production profile, verifying tokens against the stack's identity provider: what runs here is what ships
        builder.environment()
                .putAll(Map.of(
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks().url(),
                        "JWT_ISSUER", tokens.issuer(),
                        "JWT_AUDIENCE", tokens.audience()));
        builder.environment().putAll(environment);
        builder.environment()
                .putAll(Map.of(
                        "QUARKUS_HTTP_PORT", String.valueOf(service.port()),
                        "QUARKUS_MANAGEMENT_PORT", String.valueOf(service.managementPort()),
                        // off by default in production; the stack's users (storefront client tests) read it
                        "SKINCARE_OPENAPI_ENABLED", "true",
                        "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(service.database()),
                        "QUARKUS_DATASOURCE_USERNAME", service.role(),
                        "QUARKUS_DATASOURCE_PASSWORD", service.role(),
                        "SKINCARE_KAFKA_REPLICATION_FACTOR", "1", // one local broker
                        "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
        // the broker's address and the service's own principal (KAFKA_SECURITY_PROTOCOL, ..._SASL_JAAS_CONFIG)
        builder.environment().putAll(broker.serviceEnvironment(service.name()));
        return builder.start();
    }

    /** The identity provider's JWKS URL, served from this process while the stack runs. */
    private synchronized JwksServer jwks() {
        if (jwks == null) {
            jwks = JwksServer.serving(tokens);
        }
        return jwks;
    }

    /** Waits until every service reports ready (database, broker, topics and, for recommendations, the catalogue). */
    public Stack awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        for (Service service : services) {
            while (!ready(http, service)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            service.name() + " did not become ready; see " + logs.resolve(service.name() + ".log"));
                }
                exitedService().ifPresent(name -> {
                    throw new IllegalStateException(name + " exited; see " + logs.resolve(name + ".log"));
                });
                Thread.sleep(250);
            }
        }
        return this;
    }

    /** The process id of each running service, by name. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (int i = 0; i < processes.size(); i++) {
            pids.put(services.get(i).name(), processes.get(i).pid());
        }
        return pids;
    }

    /** A service whose process has ended, if any. */
    public Optional<String> exitedService() {
        for (int i = 0; i < processes.size(); i++) {
            if (!processes.get(i).isAlive()) {
                return Optional.of(services.get(i).name());
            }
        }
        return Optional.empty();
    }

    /** One probe of {@code /q/health/ready}: false while the service is not listening or not ready. */
    public static boolean ready(HttpClient http, Service service) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the PostgreSQL server if {@link #provisionDatabases} had to start it; a running one is left alone. */
    public void stopDatabaseServerIfStartedHere() {
        postgres.stopWhatWasStarted();
    }

    /**
     * Stops the services (SIGTERM, then SIGKILL after 20 s), then the JWKS URL; the broker belongs to whoever started
     * it.
     */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        synchronized (this) {
            if (jwks != null) {
                jwks.close();
                jwks = null;
            }
        }
    }
}
