package com.skincareshop.platform.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link KafkaBroker}'s container form: {@link KafkaContainer} (KRaft, single node) configured like the broker JVM.
 *
 * <p>The outage tests stop the broker and start it again, and expect the same bootstrap address, because the
 * services under test were configured with it once. Testcontainers' {@code stop()} removes a container, and a new
 * one gets another random port, so this class stops and starts the same container through the engine's API, and
 * binds Kafka's port to a fixed host port chosen up front: the advertised listener (written once into the
 * container's start script), the mapping and the data survive the restart.
 */
final class BrokerContainer {

    private static final int KAFKA_PORT = 9092;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KafkaContainer container;
    private boolean created;

    BrokerContainer(DockerImageName image) {
        int hostPort = KafkaBroker.freePort();
        container = new KafkaContainer(image)
                // what the broker JVM sets too: services create their topics with the partitions they need
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_LOG_CLEANER_BACKOFF_MS", "1000")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                // two cores shared with the services under test: a small heap, and C1 only, as the broker JVM
                .withEnv("KAFKA_HEAP_OPTS", "-Xms128m -Xmx512m")
                .withEnv("KAFKA_OPTS", "-XX:TieredStopAtLevel=1")
                .withLabels(Containers.labels())
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPortBindings(new Ports(
                                new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(KAFKA_PORT)))));
    }

    String bootstrapServers() {
        return container.getBootstrapServers();
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
