package com.skincareshop.platform.testing;

import com.skincareshop.contracts.events.KafkaAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * A real single-node KRaft Kafka broker: in its own JVM, from the {@code kafka_2.13} jars resolved by the
 * {@code platform/kafka-broker} module, or (for tests, where a container engine is reachable, see
 * {@link #forTests()}) in a container. Either can be stopped and started again on the same address and data, to
 * test what the services do while the broker is away.
 *
 * <p>Both forms run the same configuration ({@link BrokerSettings}): SASL on every listener, the authorizer on,
 * nothing allowed that no ACL allows. The first start gives every principal of {@link KafkaAccess} its SCRAM
 * credentials and exactly its ACLs ({@link KafkaAcls}); they live in the broker's metadata and survive a restart.
 * Clients get their whole configuration from here: {@link #clientConfig(String)} as a principal,
 * {@link #adminClientConfig()} as the admin (the broker's own principal, the only super user), and a service its
 * {@code kafka.*} properties ({@link #serviceConfig(String)}) or {@code KAFKA_*} variables
 * ({@link #serviceEnvironment(String)}).
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String JAAS_FILE = "kafka_server_jaas.conf";

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private final int brokerPort;
    private final int controllerPort;
    private final BrokerContainer container;
    private final KafkaCredentials credentials;
    private boolean provisioned;
    private Process process;

    private KafkaBroker(
            Path dataDir,
            boolean deleteOnClose,
            int port,
            int brokerPort,
            int controllerPort,
            KafkaCredentials credentials) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.container = null;
        this.credentials = credentials;
    }

    private KafkaBroker(BrokerContainer container, KafkaCredentials credentials) {
        this.dataDir = null;
        this.deleteOnClose = false;
        this.port = 0;
        this.brokerPort = 0;
        this.controllerPort = 0;
        this.container = container;
        this.credentials = credentials;
    }

    /**
     * A throw-away broker for a test, with passwords of its own: a container ({@link Containers#kafkaImage()}) where
     * an engine is reachable, else {@link #temporary()}. Not started yet.
     */
    public static KafkaBroker forTests() {
        if (!Containers.available()) {
            return temporary();
        }
        KafkaCredentials credentials = KafkaCredentials.generate();
        return new KafkaBroker(new BrokerContainer(Containers.kafkaImage(), credentials, null, null), credentials);
    }

    /**
     * A throw-away broker in a container on a container network, where other containers reach it as
     * {@code alias} ({@link #networkBootstrapServers()}), and the host as {@link #bootstrapServers()}. Not started yet.
     */
    public static KafkaBroker onNetwork(DockerImageName image, Network network, String alias) {
        KafkaCredentials credentials = KafkaCredentials.generate();
        return new KafkaBroker(new BrokerContainer(image, credentials, network, alias), credentials);
    }

    /** A throw-away broker JVM on free ports, its data in a temporary directory (never under target/). */
    public static KafkaBroker temporary() {
        try {
            Path dir = Files.createTempDirectory("skincare-kafka-");
            return new KafkaBroker(dir, true, freePort(), freePort(), freePort(), KafkaCredentials.generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A broker JVM whose data survives restarts of the process that runs it (the local run): clients on
     * {@code port}, the broker's own connections on {@code brokerPort}, the controller on {@code controllerPort}.
     */
    public static KafkaBroker persistent(
            Path dataDir, int port, int brokerPort, int controllerPort, KafkaCredentials credentials) {
        return new KafkaBroker(dataDir, false, port, brokerPort, controllerPort, credentials);
    }

    public String bootstrapServers() {
        return container != null ? container.bootstrapServers() : "127.0.0.1:" + port;
    }

    /** The address containers on the broker's network use ({@link #onNetwork}). */
    public String networkBootstrapServers() {
        if (container == null || container.networkBootstrapServers() == null) {
            throw new IllegalStateException("this broker is on no container network");
        }
        return container.networkBootstrapServers();
    }

    /** A client's configuration as the admin ({@code User:admin}, PLAIN): topics, users and ACLs. */
    public Map<String, Object> adminClientConfig() {
        Map<String, Object> config = new HashMap<>(credentials.admin());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** A client's configuration as a principal of {@link KafkaAccess} (SCRAM-SHA-512): what it may do, no more. */
    public Map<String, Object> clientConfig(String principal) {
        Map<String, Object> config = new HashMap<>(credentials.client(principal));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** A Quarkus service's {@code kafka.*} properties as this principal: every client of the service uses them. */
    public Map<String, String> serviceConfig(String principal) {
        Map<String, String> config = new LinkedHashMap<>();
        clientConfig(principal).forEach((name, value) -> config.put("kafka." + name, String.valueOf(value)));
        return config;
    }

    /** The same as environment variables of a service's process: {@code KAFKA_BOOTSTRAP_SERVERS}, ... */
    public Map<String, String> serviceEnvironment(String principal) {
        Map<String, String> environment = new LinkedHashMap<>();
        clientConfig(principal)
                .forEach((name, value) -> environment.put(
                        "KAFKA_" + name.replace('.', '_').toUpperCase(Locale.ROOT), String.valueOf(value)));
        return environment;
    }

    /**
     * More than {@link KafkaAccess} gives a principal, on a test's own topics (a test topic the service under test
     * writes to, say); the broker applies them before this returns.
     */
    public void allow(String principal, KafkaAccess.Resource resource, KafkaAccess.Operation... operations) {
        List<AclBinding> bindings = new ArrayList<>();
        for (KafkaAccess.Operation operation : operations) {
            bindings.add(KafkaAcls.binding(principal, new KafkaAccess.Grant(resource, operation)));
        }
        try (Admin admin = Admin.create(adminClientConfig())) {
            KafkaAcls.allow(admin, bindings);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not allow " + bindings, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The container's output, or the broker JVM's log. */
    public String logs() {
        if (container != null) {
            return container.logs();
        }
        try {
            return Files.readString(dataDir.resolve("broker.log"));
        } catch (IOException e) {
            return "(no broker log: " + e.getMessage() + ")";
        }
    }

    public boolean isRunning() {
        return container != null ? container.isRunning() : process != null && process.isAlive();
    }

    public synchronized KafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        if (container != null) {
            Instant started = Instant.now();
            container.start();
            awaitServing();
            System.err.println("[tests] Kafka container at " + bootstrapServers() + " ready in "
                    + Duration.between(started, Instant.now()).toMillis() + " ms");
            return this;
        }
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Path config = writeConfig();
            Path log4j = writeLog4jConfig();
            writeJaasFile();
            if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
                run(
                        List.of(
                                "kafka.tools.StorageTool",
                                "format",
                                "--ignore-formatted",
                                "--cluster-id=" + randomClusterId(),
                                "--config=" + config),
                        log4j);
            }
            process = java(List.of("kafka.Kafka", config.toString()), log4j)
                    .redirectOutput(dataDir.resolve("stdout.log").toFile())
                    .redirectErrorStream(true)
                    .start();
            awaitPort(true);
            awaitServing();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
        }
    }

    /** Orderly shutdown (SIGTERM), like an operator stopping the broker. */
    public synchronized void stop() {
        if (container != null) {
            container.stop();
            return;
        }
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        awaitPort(false);
    }

    @Override
    public void close() {
        if (container != null) {
            container.close();
            return;
        }
        stop();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private Path writeConfig() throws IOException {
        Map<String, String> properties = new LinkedHashMap<>(BrokerSettings.properties(BrokerSettings.listeners(
                new BrokerSettings.Listener(BrokerSettings.CLIENT, "127.0.0.1:" + port, "127.0.0.1:" + port),
                new BrokerSettings.Listener(
                        BrokerSettings.BROKER, "127.0.0.1:" + brokerPort, "127.0.0.1:" + brokerPort),
                new BrokerSettings.Listener(BrokerSettings.CONTROLLER, "127.0.0.1:" + controllerPort, null))));
        properties.put("log.dirs", dataDir.resolve("logs").toString());
        StringBuilder text = new StringBuilder();
        properties.forEach(
                (name, value) -> text.append(name).append('=').append(value).append('\n'));
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The admin's password: readable by the owner only (the local run keeps it between runs). */
    private void writeJaasFile() throws IOException {
        Path file = dataDir.resolve(JAAS_FILE);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, BrokerSettings.jaas(credentials), StandardCharsets.UTF_8);
    }

    private Path writeLog4jConfig() throws IOException {
        String config = String.join(
                "\n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=FILE",
                "appender.file.type=File",
                "appender.file.name=FILE",
                "appender.file.fileName=" + dataDir.resolve("broker.log"),
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=%d %p [%c{1}] %m%n",
                "");
        Path file = dataDir.resolve("log4j2.properties");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    private void run(List<String> mainAndArgs, Path log4j) throws IOException {
        Process tool = java(mainAndArgs, log4j)
                .redirectOutput(dataDir.resolve("storage-tool.log").toFile())
                .redirectErrorStream(true)
                .start();
        try {
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                throw new IOException(
                        "Kafka storage format failed: " + Files.readString(dataDir.resolve("storage-tool.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private ProcessBuilder java(List<String> mainAndArgs, Path log4j) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-Djava.security.auth.login.config=" + dataDir.resolve(JAAS_FILE),
                "-cp",
                brokerClassPath()));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).directory(dataDir.toFile());
    }

    /** Written by the kafka-broker module's build: the broker's jars in the local Maven repository. */
    static String brokerClassPath() {
        try (InputStream in = KafkaBroker.class.getClassLoader().getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath is missing: build platform/kafka-broker first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPort(boolean open) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (open && process != null && !process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; see " + dataDir.resolve("broker.log"));
            }
            if (isListening() == open) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Kafka broker did not " + (open ? "start" : "stop") + " within " + START_TIMEOUT
                + "; see " + dataDir.resolve("broker.log"));
    }

    /**
     * An open port is not a working broker: wait until it answers the admin's metadata requests with itself as a
     * node; then, the first time, give the principals their credentials and ACLs, and wait until each of them can
     * authenticate.
     */
    private void awaitServing() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Map<String, Object> admin = new HashMap<>(adminClientConfig());
        admin.putAll(Map.of("request.timeout.ms", "2000", "default.api.timeout.ms", "2000"));
        try (Admin client = Admin.create(admin)) {
            awaitAnswer(client, deadline);
        }
        // a client of its own, with the default timeouts: on a busy machine the first requests to the controller
        // can take longer than the probes' two seconds
        try (Admin client = Admin.create(adminClientConfig())) {
            if (!provisioned) {
                KafkaAcls.provision(client, credentials);
                provisioned = true;
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not give the broker its users and ACLs; see " + where(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (KafkaAccess.Principal principal : KafkaAccess.principals()) {
            Map<String, Object> config = new HashMap<>(clientConfig(principal.name()));
            config.putAll(Map.of("request.timeout.ms", "2000", "default.api.timeout.ms", "2000"));
            try (Admin client = Admin.create(config)) {
                awaitAnswer(client, deadline);
            }
        }
    }

    /** Until the broker answers this client: reachable, serving, and the client authenticated. */
    private void awaitAnswer(Admin client, Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            try {
                if (!client.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    client.listTopics().names().get(3, TimeUnit.SECONDS);
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not serving yet, or (SCRAM credentials just created) not yet known to the broker
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Kafka broker does not serve requests; see " + where());
    }

    private String where() {
        return container != null
                ? "the container's log"
                : dataDir.resolve("broker.log").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Base64url of a random UUID; never starting with '-', which a command line would take for an option. */
    static String randomClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
