package com.skincareshop.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    /** One random id in 64 started with '-' and was read as an option by the storage tool. */
    @Test
    void clusterIdsNeverLookLikeOptions() {
        IntStream.range(0, 5_000)
                .mapToObj(i -> KafkaBroker.randomClusterId())
                .forEach(id -> assertThat(id).hasSize(22).doesNotStartWith("-"));
    }

    /** The property names as the apache/kafka image reads its KAFKA_* variables back. */
    @Test
    void propertiesBecomeTheImagesVariables() {
        assertThat(BrokerSettings.environment(Map.of(
                        "listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN",
                        "listener.name.client.scram-sha-512.sasl.jaas.config", "x",
                        "share.coordinator.state.topic.min.isr", "1",
                        "some_name.with_underscores", "y")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "KAFKA_LISTENER_NAME_CLIENT_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512,PLAIN",
                        "KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___512_SASL_JAAS_CONFIG", "x",
                        "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1",
                        "KAFKA_SOME__NAME_WITH__UNDERSCORES", "y"));
    }

    @Test
    void aBrokerJvmStopsAndStartsAgainOnTheSameAddressWithItsUsersAndAcls() throws Exception {
        try (KafkaBroker broker = KafkaBroker.temporary()) {
            stopsAndStartsAgainWithItsData(broker);
        }
    }

    /** The outage tests rely on it: same bootstrap address, same data, same users and ACLs, after a stop. */
    @Test
    void aContainerBrokerStopsAndStartsAgainOnTheSameAddressWithItsUsersAndAcls() throws Exception {
        assumeTrue(Containers.available(), "no container engine reachable");
        try (KafkaBroker broker = KafkaBroker.forTests()) {
            stopsAndStartsAgainWithItsData(broker);
        }
    }

    private static void stopsAndStartsAgainWithItsData(KafkaBroker broker) throws Exception {
        broker.start();
        String address = broker.bootstrapServers();
        try (Admin admin = Admin.create(broker.adminClientConfig())) {
            admin.createTopics(List.of(new NewTopic(Topics.CATALOG_PRODUCTS, 3, (short) 1)))
                    .all()
                    .get();
        }
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.start();
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(address);
        try (Admin admin = Admin.create(broker.clientConfig(KafkaAccess.CATALOG_SERVICE))) {
            assertThat(admin.describeTopics(List.of(Topics.CATALOG_PRODUCTS))
                            .allTopicNames()
                            .get()
                            .get(Topics.CATALOG_PRODUCTS)
                            .partitions())
                    .as("the topic, described by its owner after the restart")
                    .hasSize(3);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                broker.clientConfig(KafkaAccess.PROFILE_SERVICE), new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.CATALOG_PRODUCTS, "P-1", "{}"))
                            .get(10, TimeUnit.SECONDS))
                    .as("still refused after the restart")
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }
}
