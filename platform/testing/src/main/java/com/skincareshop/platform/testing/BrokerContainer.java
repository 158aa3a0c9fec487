package com.skincareshop.platform.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link KafkaBroker}'s container form: the {@code apache/kafka} image (or one that behaves like it, as ours in
 * {@code deploy/containers/kafka}), configured entirely here through its {@code KAFKA_*} variables with the broker
 * JVM's settings ({@link BrokerSettings}), and its JAAS file copied in before the start.
 *
 * <p>The outage tests stop the broker and start it again, and expect the same bootstrap address, because the
 * services under test were configured with it once. Testcontainers' {@code stop()} removes a container, and a new
 * one gets another random port, so this class stops and starts the same container through the engine's API, and
 * binds Kafka's client port to a fixed host port chosen up front: the advertised listener (an environment variable
 * of the container), the mapping, the JAAS file and the data (credentials and ACLs included) survive the restart.
 */
final class BrokerContainer {

    private static final int CLIENT_PORT = 9092;
    private static final int CONTROLLER_PORT = 9093;
    private static final int BROKER_PORT = 9094;
    private static final int NETWORK_PORT = 19092;
    private static final String JAAS_FILE = "/etc/kafka/skincare/kafka_server_jaas.conf";

    private final GenericContainer<?> container;
    private final String bootstrapServers;
    private final String networkBootstrapServers;
    private boolean created;

    /** On a container network as {@code alias} when both are given. */
    BrokerContainer(DockerImageName image, KafkaCredentials credentials, Network network, String alias) {
        int hostPort = KafkaBroker.freePort();
        bootstrapServers = DockerClientFactory.instance().dockerHostIpAddress() + ":" + hostPort;
        networkBootstrapServers = network == null ? null : alias + ":" + NETWORK_PORT;
        Map<String, String> properties = new LinkedHashMap<>(BrokerSettings.properties(BrokerSettings.listeners(
                new BrokerSettings.Listener(BrokerSettings.CLIENT, "0.0.0.0:" + CLIENT_PORT, bootstrapServers),
                network == null
                        ? null
                        : new BrokerSettings.Listener(
                                BrokerSettings.NETWORK, "0.0.0.0:" + NETWORK_PORT, networkBootstrapServers),
                new BrokerSettings.Listener(
                        BrokerSettings.BROKER, "127.0.0.1:" + BROKER_PORT, "127.0.0.1:" + BROKER_PORT),
                new BrokerSettings.Listener(BrokerSettings.CONTROLLER, "127.0.0.1:" + CONTROLLER_PORT, null))));
        // where both images keep their data (a volume of the official one)
        properties.put("log.dirs", "/var/lib/kafka/data");
        GenericContainer<?> kafka = new GenericContainer<>(image)
                .withEnv(BrokerSettings.environment(properties))
                .withEnv("CLUSTER_ID", KafkaBroker.randomClusterId())
                // two cores shared with the services under test: a small heap, and C1 only, as the broker JVM
                .withEnv("KAFKA_HEAP_OPTS", "-Xms128m -Xmx512m")
                .withEnv("KAFKA_OPTS", "-XX:TieredStopAtLevel=1 -Djava.security.auth.login.config=" + JAAS_FILE)
                .withCopyToContainer(Transferable.of(BrokerSettings.jaas(credentials), 0644), JAAS_FILE)
                .withExposedPorts(CLIENT_PORT)
                .withLabels(Containers.labels())
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPortBindings(new Ports(
                                new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(CLIENT_PORT)))))
                // what both images log once the broker serves; KafkaBroker then waits until it answers
                .waitingFor(
                        Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofSeconds(90)));
        if (network != null) {
            kafka.withNetwork(network).withNetworkAliases(alias);
        }
        container = kafka;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Null unless on a container network. */
    String networkBootstrapServers() {
        return networkBootstrapServers;
    }

    String logs() {
        return created ? container.getLogs() : "";
    }

    synchronized void start() {
        if (!created) {
            container.start();
            created = true;
            return;
        }
        if (!isRunning()) {
            docker().startContainerCmd(container.getContainerId()).exec();
        }
    }

    /**
     * SIGTERM to the broker's JVM, an orderly shutdown as an operator's: the container's main process is a shell
     * (PID 1), which ignores SIGTERM, so {@code docker stop} would wait and then kill everything.
     */
    synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        String id = container.getContainerId();
        ExecCreateCmdResponse exec = docker().execCreateCmd(id)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .withCmd(
                        "sh",
                        "-c",
                        "for d in /proc/[0-9]*; do case \"$(tr '\\0' ' ' < $d/cmdline 2>/dev/null)\" in"
                                + " *kafka.Kafka*) kill -TERM \"${d#/proc/}\";; esac; done")
                .exec();
        try {
            docker().execStartCmd(exec.getId()).start().awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (isRunning() && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        if (isRunning()) {
            docker().stopContainerCmd(id).withTimeout(10).exec();
        }
    }

    synchronized boolean isRunning() {
        if (!created) {
            return false;
        }
        Boolean running = docker().inspectContainerCmd(container.getContainerId())
                .exec()
                .getState()
                .getRunning();
        return Boolean.TRUE.equals(running);
    }

    /** Removes the container and its data. */
    synchronized void close() {
        if (created) {
            container.stop();
            created = false;
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
