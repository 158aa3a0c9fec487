package com.skincareshop.platform.testing;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * A real single-node KRaft Kafka broker: in its own JVM, from the {@code kafka_2.13} jars resolved by the
 * {@code platform/kafka-broker} module, or (for tests, where a container engine is reachable, see
 * {@link #forTests()}) in a container. Either can be stopped and started again on the same address and data, to
 * test what the services do while the broker is away.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private final int controllerPort;
    private final BrokerContainer container;
    private Process process;

    private KafkaBroker(Path dataDir, boolean deleteOnClose, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.controllerPort = controllerPort;
        this.container = null;
    }

    private KafkaBroker(BrokerContainer container) {
        this.dataDir = null;
        this.deleteOnClose = false;
        this.port = 0;
        this.controllerPort = 0;
        this.container = container;
    }

    /**
     * A throw-away broker for a test: a container ({@link Containers#kafkaImage()}) where an engine is reachable,
     * else {@link #temporary()}. Not started yet.
     */
    public static KafkaBroker forTests() {
        return Containers.available() ? new KafkaBroker(new BrokerContainer(Containers.kafkaImage())) : temporary();
    }

    /** A throw-away broker on free ports, its data in a temporary directory (never under target/). */
    public static KafkaBroker temporary() {
        try {
            Path dir = Files.createTempDirectory("skincare-kafka-");
            return new KafkaBroker(dir, true, freePort(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker whose data survives restarts of the process that runs it (the local run). */
    public static KafkaBroker persistent(Path dataDir, int port, int controllerPort) {
        return new KafkaBroker(dataDir, false, port, controllerPort);
    }

    public String bootstrapServers() {
        return container != null ? container.bootstrapServers() : "127.0.0.1:" + port;
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
        String properties = String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs"),
                // a single node: without these, internal topics cannot be created and groups receive nothing
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "group.initial.rebalance.delay.ms=0",
                // services create their topics with the partitions and clean-up policy they need
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "log.cleaner.backoff.ms=1000",
                "");
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file;
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

    /** An open port is not a working broker: wait until it answers metadata requests with itself as a node. */
    private void awaitServing() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try (Admin admin = Admin.create(Map.of(
                "bootstrap.servers",
                bootstrapServers(),
                "request.timeout.ms",
                "2000",
                "default.api.timeout.ms",
                "2000"))) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        admin.listTopics().names().get(3, TimeUnit.SECONDS);
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not serving yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("Kafka broker does not serve requests; see "
                + (container != null ? "the container's log" : dataDir.resolve("broker.log")));
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
