package com.skincareshop.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.testing.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provisioning against a real broker: topics created as configured, a split compacted topic refused, and a service
 * creating its own topics but not another's.
 */
class TopicProvisionerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.temporary().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** The admin: these tests provision topics of their own, which no service principal may create. */
    private static Map<String, Object> settings() {
        return broker.adminClientConfig();
    }

    private static KafkaTopicsConfig topics(String name, int partitions, boolean compacted) {
        KafkaTopicsConfig.TopicSpec spec = new KafkaTopicsConfig.TopicSpec() {
            public int partitions() {
                return partitions;
            }

            public boolean compacted() {
                return compacted;
            }

            public Map<String, String> config() {
                return Map.of();
            }
        };
        return new KafkaTopicsConfig() {
            public Map<String, TopicSpec> topics() {
                return Map.of(name, spec);
            }

            public short replicationFactor() {
                return 1;
            }

            public Duration adminTimeout() {
                return Duration.ofSeconds(10);
            }
        };
    }

    private static void create(String topic, int partitions, String cleanupPolicy) throws Exception {
        try (Admin admin = Admin.create(broker.adminClientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy))))
                    .all()
                    .get();
        }
    }

    private static TopicProvisioner provision(KafkaTopicsConfig config) {
        return provision(settings(), config);
    }

    private static TopicProvisioner provision(Map<String, Object> settings, KafkaTopicsConfig config) {
        TopicProvisioner provisioner = new TopicProvisioner(settings, config);
        provisioner.start(null);
        return provisioner;
    }

    /** A key would hash to another partition than its older values: compaction would never drop them. */
    @Test
    void aCompactedTopicWithAnotherPartitionCountIsRefused() throws Exception {
        String topic = "split-" + UUID.randomUUID();
        create(topic, 2, TopicConfig.CLEANUP_POLICY_COMPACT);
        TopicProvisioner provisioner = provision(topics(topic, 3, true));
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> provisioner.lastError() != null
                            && provisioner.lastError().contains("2 partitions"));
            Thread.sleep(1_500); // it does not retry its way to ready
            assertThat(provisioner.ready()).isFalse();
            assertThat(provisioner.lastError()).contains(topic).contains("configuration says 3");
            assertThat(provisioner.waiting())
                    .as("what readiness shows names no topic")
                    .contains(TopicProvisioner.Waiting.TOPIC_MIGRATION);
        } finally {
            provisioner.stop(null);
        }
    }

    @Test
    void aDeadLetterTopicWithAnotherPartitionCountIsOnlyReported() throws Exception {
        String topic = "dlq-" + UUID.randomUUID();
        create(topic, 2, TopicConfig.CLEANUP_POLICY_DELETE);
        TopicProvisioner provisioner = provision(topics(topic, 1, false));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(provisioner::ready);
        } finally {
            provisioner.stop(null);
        }
    }

    @Test
    void aMissingTopicIsCreatedAsConfigured() throws Exception {
        String topic = "new-" + UUID.randomUUID();
        TopicProvisioner provisioner = provision(topics(topic, 3, true));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(provisioner::ready);
            try (Admin admin = Admin.create(broker.adminClientConfig())) {
                assertThat(admin.describeTopics(List.of(topic))
                                .allTopicNames()
                                .get()
                                .get(topic)
                                .partitions())
                        .hasSize(3);
            }
        } finally {
            provisioner.stop(null);
        }
    }

    /** With the authorizer on: catalog-service creates its own topic, and is refused profile-service's. */
    @Test
    void aServiceCreatesItsOwnTopicButNotAnotherServices() throws Exception {
        Map<String, Object> catalog = broker.clientConfig(KafkaAccess.CATALOG_SERVICE);
        TopicProvisioner own = provision(catalog, topics(Topics.CATALOG_PRODUCTS, 6, true));
        TopicProvisioner foreign = provision(catalog, topics(Topics.PROFILES_SKIN, 6, true));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(own::ready);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> String.valueOf(foreign.lastError()).contains("TopicAuthorizationException"));
            assertThat(foreign.ready()).isFalse();
            assertThat(foreign.waiting()).contains(TopicProvisioner.Waiting.BROKER);
            assertThat(own.waiting()).isEmpty();
            try (Admin admin = Admin.create(broker.adminClientConfig())) {
                assertThat(admin.listTopics().names().get())
                        .contains(Topics.CATALOG_PRODUCTS)
                        .doesNotContain(Topics.PROFILES_SKIN);
            }
        } finally {
            own.stop(null);
            foreign.stop(null);
        }
    }
}
