package com.skincareshop.recommendation.events;

import static com.skincareshop.platform.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.platform.testing.EventContracts;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.TopicReader;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.Baseline;
import com.skincareshop.recommendation.support.Publisher;
import com.skincareshop.recommendation.support.RecommendationTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A profile event's trace goes on through the read model to the issued routine: the record is processed in a
 * CONSUMER span child of its traceparent, the routine's outbox row is written inside that span, and the issued
 * record's traceparent is of the same trace.
 */
@RecommendationTest
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
    ObjectMapper json;

    @Inject
    CatalogTable table;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void baseline() {
        Baseline.ensure(broker, json, table);
    }

    @Test
    void aProfileEventsTraceReachesTheIssuedRoutine() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String customer = "c-" + UUID.randomUUID().toString().substring(0, 12);
        try (Publisher publisher = new Publisher(broker, json)) {
            publisher.profile(
                    new SkinProfile(
                            customer,
                            1,
                            1,
                            "lv",
                            ConsumersTest.answers(List.of(Concern.DARK_SPOTS), true),
                            Instant.now()),
                    "00-" + traceId + "-" + parentId + "-01");
        }

        ConsumerRecord<String, String> issued = TopicReader.readKey(
                        broker.clientConfig(KafkaAccess.MARKETING),
                        Topics.RECOMMENDATIONS_ISSUED,
                        customer,
                        r -> !r.isEmpty(),
                        Duration.ofSeconds(30))
                .get(0);
        SpanData consumer = awaitSpan(traceId, SpanKind.CONSUMER);
        SpanData producer = awaitSpan(traceId, SpanKind.PRODUCER);

        assertThat(consumer.getParentSpanId())
                .as("processed as a child of the event's traceparent")
                .isEqualTo(parentId);
        assertThat(consumer.getName()).isEqualTo("process " + Topics.PROFILES_SKIN);
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                .isEqualTo(Topics.PROFILES_SKIN);
        assertThat(producer.getParentSpanId())
                .as("the routine's outbox row was written inside the consumer's span")
                .isEqualTo(consumer.getSpanId());
        assertThat(producer.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                .isEqualTo(Topics.RECOMMENDATIONS_ISSUED);
        assertThat(header(issued, "traceparent")).isEqualTo("00-" + traceId + "-" + producer.getSpanId() + "-01");
        EventContracts.assertHeaders(issued, "routineIssued");
        for (SpanData span : List.of(consumer, producer)) {
            assertThat(span.getAttributes().asMap().keySet())
                    .extracting(AttributeKey::getKey)
                    .allMatch(MESSAGE_ATTRIBUTES::contains);
        }
    }

    private SpanData awaitSpan(String traceId, SpanKind kind) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> find(traceId, kind), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<SpanData> find(String traceId, SpanKind kind) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == kind)
                .findFirst();
    }
}
