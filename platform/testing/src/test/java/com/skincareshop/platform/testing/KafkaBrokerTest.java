package com.skincareshop.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    /** One random id in 64 started with '-' and was read as an option by the storage tool. */
    @Test
    void clusterIdsNeverLookLikeOptions() {
        IntStream.range(0, 5_000)
                .mapToObj(i -> KafkaBroker.randomClusterId())
                .forEach(id -> assertThat(id).hasSize(22).doesNotStartWith("-"));
    }

    @Test
    void startsServesStopsAndStartsAgainOnTheSamePort() {
        try (KafkaBroker broker = KafkaBroker.temporary()) {
            broker.start();
            String address = broker.bootstrapServers();
            assertThat(broker.isRunning()).isTrue();
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            assertThat(broker.isRunning()).isTrue();
        }
    }

    /** The outage tests rely on it: same bootstrap address, same data, after a stop. */
    @Test
    void aContainerBrokerStopsAndStartsAgainOnTheSameAddressWithItsData() throws Exception {
        assumeTrue(Containers.available(), "no container engine reachable");
        try (KafkaBroker broker = KafkaBroker.forTests()) {
            broker.start();
            String address = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", address))) {
                admin.createTopics(List.of(new NewTopic("kept", 3, (short) 1)))
                        .all()
                        .get();
            }
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", address))) {
                assertThat(admin.describeTopics(List.of("kept"))
                                .allTopicNames()
                                .get()
                                .get("kept")
                                .partitions())
                        .hasSize(3);
            }
        }
    }
}
