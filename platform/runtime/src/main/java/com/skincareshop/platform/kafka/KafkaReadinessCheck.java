package com.skincareshop.platform.kafka;

import com.skincareshop.platform.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the broker has been reached and the topics exist. After that a broker outage does not make
 * the service unready: writes keep succeeding into the outbox, whose backlog this check reports.
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
        if (!topics.ready()) {
            response.withData("error", String.valueOf(topics.lastError()));
        }
        return response.build();
    }
}
