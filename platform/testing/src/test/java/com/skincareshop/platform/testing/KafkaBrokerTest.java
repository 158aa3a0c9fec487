package com.skincareshop.platform.testing;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    /** One random id in 64 started with '-' and was read as an option by the storage tool. */
    @Test
    void clusterIdsNeverLookLikeOptions() {
        IntStream.range(0, 5_000).mapToObj(i -> KafkaBroker.randomClusterId())
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
}
