package com.skincareshop.containers;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Volume;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.TokenIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The three services as their images ship, on one container network with PostgreSQL and Kafka, each run as the
 * Kubernetes manifests run it: the production profile, configuration from the environment (Kafka as the service's
 * own principal, SCRAM-SHA-512 on the tests' broker with its ACLs; without the TLS of the cluster), the identity provider's
 * public key mounted at {@code /etc/skincare/jwt/public-key.pem}, a read-only root file system with a writable
 * {@code /tmp}, all capabilities dropped, no privilege escalation and the memory limit of the Deployments.
 * Everything it creates (network, containers, the images it built) it removes on {@link #close()}, in reverse order,
 * also after a failed start: the engine may be shared, and no reaper container is assumed.
 */
final class ShippedStack implements AutoCloseable {

    record Service(String name, int port, int managementPort) {
        /** The database and its owner role, as each service's CloudNativePG cluster creates them. */
        String database() {
            return name.substring(0, name.indexOf('-'));
        }
    }

    static final List<Service> SERVICES = List.of(
            new Service("catalog-service", 8081, 9081),
            new Service("profile-service", 8082, 9082),
            new Service("recommendation-service", 8083, 9083));
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path LOGS = ROOT.resolve("deploy/containers/target/container-logs");
    /** The Deployments' memory limit. */
    static final long MEMORY_LIMIT = 512L * 1024 * 1024;
    /** The Deployments' java options: the heap's share of the memory limit, measured by ContainerSmokeTest. */
    static final String JDK_JAVA_OPTIONS = "-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError";

    /** A key pair generated for the run stands for the identity provider; its public key is mounted as a Secret would be. */
    final TokenIssuer issuer = TokenIssuer.generate("https://auth.skincareshop.example/container-smoke-test");

    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final Map<String, Duration> timings = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, GenericContainer<?>> running = new LinkedHashMap<>();
    private final Map<String, String> builtImages = new ConcurrentHashMap<>();
    private KafkaBroker kafka;
    private Network network;
    private Map<String, String> passwords;

    private ShippedStack() {}

    static ShippedStack start() throws Exception {
        ShippedStack stack = new ShippedStack();
        try {
            stack.startAll();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    String url(String service) {
        return url(running.get(service), service(service).port());
    }

    /** Health, metrics and (if enabled) the API document: the management interface, a port of its own. */
    String managementUrl(String service) {
        return url(running.get(service), service(service).managementPort());
    }

    static String url(GenericContainer<?> container, int port) {
        return "http://" + container.getHost() + ":" + container.getMappedPort(port);
    }

    static Service service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    GenericContainer<?> container(String service) {
        return running.get(service);
    }

    /**
     * One more instance of the service, started until ready, as a rolling update's surge pod: the same image and
     * settings, on the same network. Stopped and removed on {@link #close()} if the caller did not stop it.
     */
    GenericContainer<?> startAnotherInstance(String name) {
        Service service = service(name);
        GenericContainer<?> container = serviceContainer(service, network, passwords.get(service.database()));
        String instance = name + "-2";
        onClose(() -> stop(instance, container));
        container.start();
        return container;
    }

    String builtImage(String service) {
        return builtImages.get(service);
    }

    /** A client's configuration as this principal of KafkaAccess, from the host. */
    Map<String, Object> kafkaClientConfig(String principal) {
        return kafka.clientConfig(principal);
    }

    Map<String, Duration> timings() {
        synchronized (timings) {
            return new LinkedHashMap<>(timings);
        }
    }

    private void startAll() throws Exception {
        Files.createDirectories(LOGS);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            network = Network.newNetwork();
            onClose(network::close);

            String jre = timed("JRE base image", this::jreImage);

            // the three images build while PostgreSQL and Kafka start
            List<CompletableFuture<?>> preparing = new ArrayList<>();
            for (Service service : SERVICES) {
                ImageFromDockerfile image = Images.service(ROOT.resolve(service.name()), jre);
                String name = image.getDockerImageName();
                onClose(() -> Images.remove(name));
                preparing.add(async(pool, "build image " + service.name(), () -> {
                    builtImages.put(service.name(), image.get());
                    return null;
                }));
            }
            PostgreSQLContainer postgres = new PostgreSQLContainer(
                            DockerImageName.parse(Images.postgres()).asCompatibleSubstituteFor("postgres"))
                    .withNetwork(network)
                    .withNetworkAliases("postgres");
            // the tests' broker, authentication and ACLs on, reachable as kafka:19092 on the network
            kafka = KafkaBroker.onNetwork(
                    DockerImageName.parse(Images.kafka()).asCompatibleSubstituteFor("apache/kafka"), network, "kafka");
            preparing.add(async(pool, "start postgres", () -> start("postgres", postgres)));
            preparing.add(async(pool, "start kafka", this::startKafka));
            join(preparing);

            passwords = timed("create databases and roles", () -> createDatabases(postgres));

            List<CompletableFuture<?>> services = new ArrayList<>();
            for (Service service : SERVICES) {
                GenericContainer<?> container = serviceContainer(service, network, passwords.get(service.database()));
                services.add(async(
                        pool, "start " + service.name() + " until ready", () -> start(service.name(), container)));
            }
            join(services);
        } finally {
            pool.shutdownNow();
        }
    }

    /** SKINCARE_JRE_IMAGE, else the local JRE image, else one built from the local base, else the Dockerfile's own. */
    private String jreImage() {
        String configured = Images.configuredJre();
        if (configured != null || !Images.present(Images.LOCAL_BASE)) {
            return configured;
        }
        ImageFromDockerfile jre = Images.jreFromLocalBase();
        String name = jre.getDockerImageName();
        onClose(() -> Images.remove(name));
        return jre.get();
    }

    private GenericContainer<?> serviceContainer(Service service, Network network, String password) {
        Map<String, String> environment = new LinkedHashMap<>();
        // what the ConfigMaps (skincare-common and the service's) and the database Secret give in Kubernetes
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(service.port()));
        environment.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(service.managementPort()));
        // the Deployments' heap share of the memory limit (deploy/kubernetes, checked by ManifestsTest)
        environment.put("JDK_JAVA_OPTIONS", JDK_JAVA_OPTIONS);
        // the service's own principal (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG), as
        // the KafkaUser's Secret and the ConfigMap give it, on the broker without TLS
        environment.putAll(kafka.serviceEnvironment(service.name()));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.networkBootstrapServers());
        environment.put("SKINCARE_KAFKA_REPLICATION_FACTOR", "1"); // one broker
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/etc/skincare/jwt/public-key.pem");
        environment.put("JWT_ISSUER", issuer.issuer());
        environment.put("JWT_AUDIENCE", issuer.audience());
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/" + service.database());
        environment.put("QUARKUS_DATASOURCE_USERNAME", service.database());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", password);
        return new GenericContainer<>(DockerImageName.parse(builtImages.get(service.name())))
                .withNetwork(network)
                .withNetworkAliases(service.name())
                .withExposedPorts(service.port(), service.managementPort())
                .withEnv(environment)
                .withTmpFs(Map.of("/tmp", "rw,size=64m"))
                // copied into a volume before the start, as the read-only root file system takes no file, like
                // Kubernetes mounting the Secret there
                .withCopyToContainer(Transferable.of(issuer.publicKeyPem(), 0644), "/etc/skincare/jwt/public-key.pem")
                .withCreateContainerCmdModifier(create -> {
                    create.withVolumes(new Volume("/etc/skincare/jwt"));
                    create.getHostConfig()
                            .withReadonlyRootfs(true)
                            .withCapDrop(Capability.ALL)
                            .withSecurityOpts(List.of("no-new-privileges"))
                            .withMemory(MEMORY_LIMIT);
                })
                .waitingFor(Wait.forHttp("/q/health/ready")
                        .forPort(service.managementPort())
                        .forStatusCode(200)
                        .withStartupTimeout(Duration.ofSeconds(150)));
    }

    /** One role and one database owned by it per service, as each service's own cluster has in production. */
    private static Map<String, String> createDatabases(PostgreSQLContainer postgres) throws SQLException {
        Map<String, String> passwords = new LinkedHashMap<>();
        try (Connection admin = DriverManager.getConnection(
                        postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
                Statement sql = admin.createStatement()) {
            for (Service service : SERVICES) {
                String database = service.database();
                String password = UUID.randomUUID().toString().replace("-", "");
                sql.execute("CREATE ROLE " + database + " LOGIN PASSWORD '" + password + "'");
                sql.execute("CREATE DATABASE " + database + " OWNER " + database);
                passwords.put(database, password);
            }
        }
        return passwords;
    }

    private Void startKafka() {
        onClose(() -> {
            keepLog("kafka", kafka.logs());
            kafka.close();
        });
        kafka.start();
        return null;
    }

    private Void start(String name, GenericContainer<?> container) {
        onClose(() -> stop(name, container));
        container.start();
        synchronized (running) {
            running.put(name, container);
        }
        return null;
    }

    /** Done on close, before what was registered earlier. */
    private void onClose(Runnable step) {
        synchronized (undo) {
            undo.push(step);
        }
    }

    /** Keeps the container's log (target/container-logs), then stops and removes it with its volumes. */
    private static void stop(String name, GenericContainer<?> container) {
        if (container.getContainerId() != null) {
            keepLog(name, container.getLogs());
        }
        container.stop();
    }

    private static void keepLog(String name, String log) {
        try {
            Files.writeString(LOGS.resolve(name + ".log"), log, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not keep the log of " + name + ": " + e);
        }
    }

    private <T> CompletableFuture<T> async(ExecutorService pool, String label, Callable<T> task) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return timed(label, task);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                },
                pool);
    }

    private <T> T timed(String label, Callable<T> task) throws Exception {
        long started = System.nanoTime();
        T result = task.call();
        timings.put(label, Duration.ofNanos(System.nanoTime() - started));
        return result;
    }

    private static void join(List<CompletableFuture<?>> futures) throws Exception {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        List<Runnable> steps;
        synchronized (undo) {
            steps = new ArrayList<>(undo);
            undo.clear();
        }
        long started = System.nanoTime();
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                System.err.println("cleaning up the container smoke test: " + e);
            }
        }
        timings.put("stop and remove everything", Duration.ofNanos(System.nanoTime() - started));
        System.out.println("container smoke test timings (container logs in " + LOGS + "):");
        timings().forEach((what, took) -> System.out.printf("  %-45s %6.1f s%n", what, took.toNanos() / 1e9));
    }

    void record(String label, Duration took) {
        timings.put(label, took);
    }
}
