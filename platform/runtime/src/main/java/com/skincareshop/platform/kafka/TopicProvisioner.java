package com.skincareshop.platform.kafka;

import com.skincareshop.platform.lifecycle.Daemons;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Makes sure the service's topics exist, with the partitions and clean-up policy it needs, before anything is
 * published. Start-up never waits for Kafka: provisioning retries in the background, and {@link #ready()} (the
 * readiness check, the outbox relay) tells whether it has succeeded.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final Map<String, Object> kafka;
    private final KafkaTopicsConfig config;
    private volatile boolean ready;
    private volatile boolean running;
    private volatile String lastError = "not attempted yet";
    private volatile Waiting waiting = Waiting.NOT_ATTEMPTED;
    private Thread worker;

    public TopicProvisioner(
            @Identifier(KafkaClientConfig.DEFAULT_BROKER) Map<String, Object> kafka, KafkaTopicsConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        // each attempt is bounded by the admin timeout and every retry pauses
        worker = Daemons.start("kafka-topic-provisioner", Duration.ofMinutes(2), this::provisionUntilDone);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** True once the broker was reached and every configured topic exists. */
    public boolean ready() {
        return ready;
    }

    /** The last attempt's error, for the log and tests: it may name hosts, principals and topics. */
    public String lastError() {
        return lastError;
    }

    /** What readiness waits for, in words that name no host, principal or topic; empty once ready. */
    public Optional<Waiting> waiting() {
        return ready ? Optional.empty() : Optional.of(waiting);
    }

    /** Why the topics are not provisioned yet, as readiness reports it to whoever can reach the probe. */
    public enum Waiting {
        NOT_ATTEMPTED("not attempted yet"),
        BROKER("the broker refused or did not answer; retrying"),
        TOPIC_MIGRATION("a topic's partitions differ from the configuration; see the log");

        private final String reason;

        Waiting(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private void provisionUntilDone() {
        Duration backoff = Duration.ofMillis(500);
        while (running && !ready) {
            try {
                provision();
                ready = true;
                lastError = null;
            } catch (PartitionCountMismatch e) {
                lastError = e.getMessage();
                waiting = Waiting.TOPIC_MIGRATION;
                LOG.errorf("%s. Not publishing: the service stays unready until the topic is migrated", lastError);
                return;
            } catch (Exception e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                waiting = Waiting.BROKER;
                LOG.warnf("Kafka topics not provisioned yet (%s); retrying in %s", lastError, backoff);
                if (!Daemons.pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void provision() throws ExecutionException, InterruptedException, TimeoutException {
        long timeoutMs = config.adminTimeout().toMillis();
        try (Admin admin = Admin.create(KafkaClientConfig.of(
                kafka,
                Map.of(
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs),
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs))))) {
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            config.topics().forEach((name, spec) -> {
                if (!existing.contains(name)) {
                    Map<String, String> configs = new HashMap<>(spec.config());
                    configs.put(
                            TopicConfig.CLEANUP_POLICY_CONFIG,
                            spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
                    missing.add(new NewTopic(name, spec.partitions(), config.replicationFactor()).configs(configs));
                }
            });
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(timeoutMs, TimeUnit.MILLISECONDS);
                    LOG.infof(
                            "Created Kafka topics %s",
                            missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // another replica winning the race is fine; anything else is retried
                    }
                }
            }
            checkPartitionCounts(admin, timeoutMs);
        }
    }

    /**
     * A keyed compacted topic with another partition count than configured is refused: the same key hashes to
     * another partition, so a key's newest value (an erasure's tombstone) would sit beside older values that
     * compaction then never removes, and a consumer replaying the topic could resurrect them. Such a topic is
     * migrated by a new topic ({@code .v2}), never by adding partitions. A delete-policy topic (a dead-letter
     * queue) is only reported.
     */
    private void checkPartitionCounts(Admin admin, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (config.topics().isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described =
                admin.describeTopics(config.topics().keySet()).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        for (Map.Entry<String, TopicDescription> topic : described.entrySet()) {
            KafkaTopicsConfig.TopicSpec spec = config.topics().get(topic.getKey());
            int actual = topic.getValue().partitions().size();
            if (actual == spec.partitions()) {
                continue;
            }
            if (spec.compacted()) {
                throw new PartitionCountMismatch(topic.getKey(), actual, spec.partitions());
            }
            LOG.warnf(
                    "Topic %s has %d partitions, configuration says %d (left as it is)",
                    topic.getKey(), actual, spec.partitions());
        }
    }

    /** Not retried: waiting does not change the topic. */
    static final class PartitionCountMismatch extends RuntimeException {
        PartitionCountMismatch(String topic, int actual, int configured) {
            super("Compacted topic " + topic + " has " + actual + " partitions, configuration says " + configured
                    + ": a key would be split over two partitions");
        }
    }
}
