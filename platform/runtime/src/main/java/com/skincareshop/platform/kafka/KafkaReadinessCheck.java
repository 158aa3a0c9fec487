package com.skincareshop.platform.kafka;

import com.skincareshop.platform.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the broker has been reached and the topics exist. After that a broker outage does not make
 * the service unready: writes keep succeeding into the outbox, whose backlog this check reports. What it waits
 * for is one of {@link TopicProvisioner.Waiting}; the error itself is in the log.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final TopicProvisioner topics;
    private final OutboxRelay relay;

    public KafkaReadinessCheck(TopicProvisioner topics, OutboxRelay relay) {
        this.topics = topics;
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("kafka").status(topics.ready()).withData("outboxBacklog", relay.backlog());
        // a reason from a fixed list, never the exception's text: the probe is read by more than the operators
        topics.waiting().ifPresent(waiting -> response.withData("waitingFor", waiting.reason()));
        return response.build();
    }
}
