package com.skincareshop.profile.events;

import static com.skincareshop.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.outbox.OutboxEvent;
import com.skincareshop.platform.testing.EventContracts;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.Readiness;
import com.skincareshop.platform.testing.TopicReader;
import com.skincareshop.profile.support.ProfileTest;
import com.skincareshop.profile.support.Requests;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One trace from the request to the topic: PUT profile's server span is stored with the outbox row, the relay
 * publishes the row in a PRODUCER span child of it, and the record's traceparent names that span.
 */
@ProfileTest
class TraceContextTest {

    /** Coordinates only: never an answer. */
    private static final Set<String> MESSAGE_ATTRIBUTES = Set.of(
            "messaging.system",
            "messaging.operation.type",
            "messaging.destination.name",
            "messaging.destination.partition.id",
            "messaging.kafka.offset",
            "messaging.message.id",
            "cloudevents.event_type");

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void serviceIsReady() {
        Readiness.await();
    }

    @Test
    void putProfileToTheOutboxToTheTopicIsOneTrace() {
        String customer = Requests.newCustomerId();
        Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(201);

        ConsumerRecord<String, String> record = TopicReader.readKey(
                        broker.clientConfig(KafkaAccess.RECOMMENDATION_SERVICE),
                        Topics.PROFILES_SKIN,
                        customer,
                        r -> !r.isEmpty(),
                        Duration.ofSeconds(60))
                .get(0);
        OutboxEvent row = QuarkusTransaction.requiringNew()
                .call(() -> entityManager
                        .createQuery("from OutboxEvent e where e.key = :key", OutboxEvent.class)
                        .setParameter("key", customer)
                        .getSingleResult());
        assertThat(row.traceparent)
                .as("the request's trace context, stored with the row")
                .isNotNull();
        String[] stored = row.traceparent.split("-");
        String traceId = stored[1];

        SpanData server = awaitSpan(traceId, SpanKind.SERVER);
        SpanData producer = awaitSpan(traceId, SpanKind.PRODUCER);
        assertThat(server.getName()).startsWith("PUT");
        assertThat(stored[2])
                .as("the row keeps the request's span as the parent of its publication")
                .isEqualTo(server.getSpanId());
        assertThat(producer.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(producer.getName()).isEqualTo("send " + Topics.PROFILES_SKIN);
        assertThat(header(record, "traceparent")).isEqualTo("00-" + traceId + "-" + producer.getSpanId() + "-01");
        EventContracts.assertHeaders(record, "profileChanged");

        assertThat(producer.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                .isEqualTo(Topics.PROFILES_SKIN);
        assertThat(producer.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
                .isEqualTo(row.id.toString())
                .isEqualTo(header(record, "ce_id"));
        assertThat(producer.getAttributes().get(AttributeKey.longKey("messaging.kafka.offset")))
                .isEqualTo(record.offset());
        assertThat(producer.getAttributes().asMap().keySet())
                .extracting(AttributeKey::getKey)
                .allMatch(MESSAGE_ATTRIBUTES::contains);
    }

    private SpanData awaitSpan(String traceId, SpanKind kind) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> find(traceId, kind), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<SpanData> find(String traceId, SpanKind kind) {
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == kind)
                .findFirst();
    }
}
