package com.skincareshop.catalog.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.outbox.Outbox;
import com.skincareshop.platform.outbox.OutboxRelay;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.Management;
import com.skincareshop.platform.testing.Readiness;
import com.skincareshop.platform.testing.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows Kafka refuses for good are parked after {@code skincare.outbox.max-attempts} (3 in tests) refusals, and the
 * rows behind them are sent: a record too large for its topic, too large for the producer, a topic that does not
 * exist. Against the real broker, through the real relay.
 */
@CatalogTest
class OutboxParkingTest {

    /** One partition, so every row below shares it: the order on the topic is the order of the rows. */
    private static final String TEST_TOPICS = "test.outbox.";

    private static final String SMALL_TOPIC = TEST_TOPICS + "small-records.v1";

    private static final int SMALL_TOPIC_MAX_BYTES = 2048;
    private static final int MAX_ATTEMPTS = 3;
    /**
     * The statement docs/RELIABILITY.md gives the operator: retry a parked row only while it is the newest row
     * of its key (a later one already replaced it on the topic).
     */
    private static final String RETRY_PARKED_ROW = """
            update outbox_event p set parked_at = null, attempts = 0, last_error = null
             where p.id = ?1 and p.parked_at is not null
               and not exists (select 1 from outbox_event l
                                where l.topic = p.topic and l.message_key = p.message_key and l.seq > p.seq)
            """;

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry metrics;

    private final ConcurrentLinkedQueue<String> relayLog = new ConcurrentLinkedQueue<>();
    private final Handler relayLogHandler = new Handler() {
        private final PatternFormatter message = new PatternFormatter("%s");

        @Override
        public void publish(LogRecord record) {
            relayLog.add(message.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void smallTopicAndLogCapture() throws Exception {
        Readiness.await();
        try (Admin admin = admin()) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(SMALL_TOPIC)) {
                // the tests' own topics, which catalog-service writes here (and may describe, to learn that one is
                // missing) beside its own
                broker.allow(
                        KafkaAccess.CATALOG_SERVICE,
                        new KafkaAccess.Resource(
                                KafkaAccess.ResourceType.TOPIC, TEST_TOPICS, KafkaAccess.PatternType.PREFIXED),
                        KafkaAccess.Operation.DESCRIBE,
                        KafkaAccess.Operation.WRITE);
                admin.createTopics(List.of(new NewTopic(SMALL_TOPIC, 1, (short) 1)
                                .configs(Map.of(
                                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(SMALL_TOPIC_MAX_BYTES)))))
                        .all()
                        .get(10, TimeUnit.SECONDS);
            }
        }
        Logger.getLogger(OutboxRelay.class.getName()).addHandler(relayLogHandler);
    }

    @AfterEach
    void stopLogCapture() {
        Logger.getLogger(OutboxRelay.class.getName()).removeHandler(relayLogHandler);
    }

    @Test
    void aRowTooLargeForItsTopicIsParkedAndTheRowsBehindItAreSent() {
        String big = key("big");
        String other = key("other");
        String lone = key("lone");
        String marker = "payload-marker-" + UUID.randomUUID();
        double parkedBefore = parkedCount();

        // in commit order: the big row, a row of another key, the big key's next version, another big row
        UUID[] ids = QuarkusTransaction.requiringNew().call(() -> new UUID[] {
            outbox.record(SMALL_TOPIC, big, "test.v1", Map.of("version", 1, "marker", marker, "blob", noise(16_000))),
            outbox.record(SMALL_TOPIC, other, "test.v1", Map.of("version", 1)),
            outbox.record(SMALL_TOPIC, big, "test.v1", Map.of("version", 2)),
            outbox.record(SMALL_TOPIC, lone, "test.v1", Map.of("version", 1, "blob", noise(16_000)))
        });

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sent(ids[1]));
        assertParked(ids[0], "RecordTooLargeException: ");
        assertThat(row(ids[0]).lastError()).doesNotContain(marker);
        assertThat(sent(ids[2]))
                .as("the big key's next version is not held back")
                .isTrue();
        assertParked(ids[3], "RecordTooLargeException: ");
        assertThat(parkedCount() - parkedBefore).isEqualTo(2);

        // what reached the topic: the other key, and the big key's version 2 without its version 1
        assertThat(values(other, 1)).containsOnly("{\"version\":1}");
        assertThat(values(big, 1)).containsOnly("{\"version\":2}");

        // the log names row, topic, key and error class, never the payload
        assertThat(relayLog)
                .anySatisfy(line -> assertThat(line)
                        .contains(
                                "Outbox row " + ids[0] + " parked after 3",
                                SMALL_TOPIC,
                                big,
                                "org.apache.kafka.common.errors.RecordTooLargeException"));
        assertThat(relayLog).noneSatisfy(line -> assertThat(line).contains(marker));

        // the gauge counts the rows in the table; the backlog does not
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gauge("outbox.parked.rows") >= 2);
        Management.given()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("outbox_parked_total"))
                .body(containsString("outbox_parked_rows"));

        // the operator's retry: the big row was replaced by its version 2 and stays; the lone one goes, once the
        // topic takes it
        raiseSmallTopicLimit();
        assertThat(retry(ids[0])).isZero();
        assertThat(retry(ids[3])).isOne();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sent(ids[3]));
        assertThat(values(lone, 1)).isNotEmpty();
        lowerSmallTopicLimit();
    }

    @Test
    void aRowTooLargeForTheProducerIsParkedAndTheRowsBehindItAreSent() {
        String huge = key("huge");
        String other = key("other");
        double parkedBefore = parkedCount();

        // over the producer's max.request.size (1 MiB): refused before it is handed over, the sends behind it wait
        UUID[] ids = QuarkusTransaction.requiringNew().call(() -> new UUID[] {
            outbox.record(SMALL_TOPIC, huge, "test.v1", Map.of("version", 1, "blob", noise(1_200_000))),
            outbox.record(SMALL_TOPIC, other, "test.v1", Map.of("version", 1))
        });

        assertThat(values(other, 1)).containsOnly("{\"version\":1}");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sent(ids[1]));
        assertParked(ids[0], "RecordTooLargeException: ");
        assertThat(parkedCount() - parkedBefore).isEqualTo(1);
    }

    @Test
    void aRowForATopicThatDoesNotExistIsParkedAndTheRowsBehindItAreSent() {
        String missingTopic = TEST_TOPICS + "never-created." + UUID.randomUUID();
        String other = key("other");

        UUID[] ids = QuarkusTransaction.requiringNew().call(() -> new UUID[] {
            outbox.record(missingTopic, key("lost"), "test.v1", Map.of("version", 1)),
            outbox.record(missingTopic, key("lost"), "test.v1", Map.of("version", 1)),
            outbox.record(SMALL_TOPIC, other, "test.v1", Map.of("version", 1))
        });

        // three rounds, each waiting up to max.block.ms (5 s) for the topic's metadata, then asking the broker
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> sent(ids[2]));
        assertParked(ids[0], "UnknownTopicOrPartitionException: the broker has no topic");
        // never handed to the producer, but refused with its topic: parked in the same round
        assertParked(ids[1], "UnknownTopicOrPartitionException: the broker has no topic");
        assertThat(values(other, 1)).containsOnly("{\"version\":1}");
    }

    /** The broker's authorizer: catalog-service's principal may not write another service's topic. */
    @Test
    void aRowForATopicTheServiceMayNotWriteIsParkedAndTheRowsBehindItAreSent() {
        String other = key("other");

        UUID[] ids = QuarkusTransaction.requiringNew().call(() -> new UUID[] {
            outbox.record(Topics.PROFILES_SKIN, key("forged"), "test.v1", Map.of("version", 99)),
            outbox.record(SMALL_TOPIC, other, "test.v1", Map.of("version", 1))
        });

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sent(ids[1]));
        assertParked(ids[0], "TopicAuthorizationException: ");
        assertThat(values(other, 1)).containsOnly("{\"version\":1}");
    }

    private record Row(int attempts, String lastError, Object parkedAt, Object sentAt) {}

    private Row row(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = (Object[]) entityManager
                    .createNativeQuery(
                            "select attempts, last_error, parked_at, sent_at from outbox_event where id = ?1")
                    .setParameter(1, id)
                    .getSingleResult();
            return new Row(((Number) r[0]).intValue(), (String) r[1], r[2], r[3]);
        });
    }

    /** Refused {@link #MAX_ATTEMPTS} times, parked, not sent, and still in the table for the operator. */
    private void assertParked(UUID id, String errorPrefix) {
        Row row = row(id);
        assertThat(row.attempts()).as("attempts of %s", id).isEqualTo(MAX_ATTEMPTS);
        assertThat(row.parkedAt()).as("parked_at of %s", id).isNotNull();
        assertThat(row.sentAt()).as("sent_at of %s", id).isNull();
        assertThat(row.lastError()).as("last_error of %s", id).startsWith(errorPrefix);
    }

    private boolean sent(UUID id) {
        return row(id).sentAt() != null;
    }

    private int retry(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entityManager
                        .createNativeQuery(RETRY_PARKED_ROW)
                        .setParameter(1, id)
                        .executeUpdate());
    }

    /** The values of the key on the topic, in order, once there are {@code count}; a resend may repeat one. */
    private List<String> values(String key, int count) {
        return TopicReader.readKey(
                        broker.adminClientConfig(), SMALL_TOPIC, key, r -> r.size() >= count, Duration.ofSeconds(60))
                .stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    private double parkedCount() {
        Counter counter = metrics.find("outbox.parked").counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name) {
        Gauge gauge = metrics.find(name).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private void raiseSmallTopicLimit() {
        setSmallTopicLimit(2_000_000);
    }

    private void lowerSmallTopicLimit() {
        setSmallTopicLimit(SMALL_TOPIC_MAX_BYTES);
    }

    private void setSmallTopicLimit(int bytes) {
        try (Admin admin = admin()) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, SMALL_TOPIC);
            var op = new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(bytes)),
                    AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(resource, Set.of(op))).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot set max.message.bytes of " + SMALL_TOPIC, e);
        }
    }

    private Admin admin() {
        return Admin.create(broker.adminClientConfig());
    }

    private static String key(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    /** Random text: neither lz4 nor anything else makes it smaller than the topic's limit. */
    private static String noise(int bytes) {
        byte[] random = new byte[bytes * 3 / 4];
        new Random().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
