package com.skincareshop.recommendation.events;

import static com.skincareshop.platform.testing.TopicReader.header;
import static com.skincareshop.recommendation.engine.TestCatalog.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.TopicReader;
import com.skincareshop.recommendation.domain.CustomerProfiles;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.Baseline;
import com.skincareshop.recommendation.support.Publisher;
import com.skincareshop.recommendation.support.RecommendationTest;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the profile read model must survive: a database that fails in any way while events arrive, values replayed
 * after an erasure, events from a producer one release ahead, and poison whose dead letter must not keep the
 * customer's answers.
 */
@RecommendationTest
class NothingLostOrResurrectedTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    CatalogTable table;

    @Inject
    CustomerProfiles profiles;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Inject
    Config config;

    /** quarkus.datasource.jdbc.foreground-validation-interval in the test profile. */
    private static final Duration VALIDATE_IDLE_AFTER = Duration.ofSeconds(1);

    private Publisher publisher;

    @BeforeEach
    void baseline() {
        Baseline.ensure(broker, json, table);
        publisher = new Publisher(broker, json);
    }

    @AfterEach
    void close() throws SQLException {
        publisher.close();
        allowProfileWrites();
    }

    private static String newCustomer() {
        return "c-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static Answers answers(Concern concern) {
        return ConsumersTest.answers(List.of(concern), false);
    }

    /**
     * Reads of the test's own may fail while the database drops connections (a pooled one may be dead until it is
     * used or validated): what must hold is that the changes land, so a failed read is only a read to try again.
     */
    private void awaitVersion(String customer, long version) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> profiles.find(customer).map(SkinProfile::version).orElse(0L) == version);
    }

    private void awaitErased(String customer) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> profiles.find(customer).isEmpty());
    }

    /** Nothing of these keys on the dead-letter topic, read to its end. */
    private void assertNothingParked(String... keys) {
        assertThat(TopicReader.readKeysToEnd(
                                broker.adminClientConfig(),
                                Topics.deadLetterOf(Topics.PROFILES_SKIN),
                                Set.of(keys),
                                Duration.ofSeconds(30))
                        .stream()
                        .map(ConsumerRecord::key))
                .as("parked")
                .isEmpty();
    }

    /** A statement trigger failing every write to the read model with this SQLSTATE: the database misbehaving. */
    private void refuseProfileWrites(String sqlState) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    create or replace function refuse_profile_writes() returns trigger language plpgsql as $$
                    begin
                        raise exception 'the test refuses this write' using errcode = tg_argv[0];
                    end $$""");
            statement.execute("drop trigger if exists refuse_profile_writes on customer_profile");
            statement.execute(
                    "create trigger refuse_profile_writes before insert or update or delete on customer_profile"
                            + " for each statement execute function refuse_profile_writes('" + sqlState + "')");
        }
    }

    private void allowProfileWrites() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("drop trigger if exists refuse_profile_writes on customer_profile");
        }
    }

    private double failedApplies() {
        return metrics.counter("profiles.consumer.failed.applies").count();
    }

    /**
     * A connection killed by a failover (57P01 admin shutdown, 08006 connection failure), a full server (53300 too
     * many connections), a conflict (40001) or anything else (XX000): the changes wait, erasures included, and are
     * applied once the database takes writes again. Not one is parked.
     */
    @ParameterizedTest(name = "SQLSTATE {0}")
    @ValueSource(strings = {"57P01", "08006", "53300", "40001", "XX000"})
    void aDatabaseFailureOfAnyKindIsRetriedAndNeverParked(String sqlState) throws SQLException {
        String erased = newCustomer();
        String changed = newCustomer();
        publisher.profile(erased, 1, answers(Concern.DARK_SPOTS), "en");
        awaitVersion(erased, 1);

        double failedBefore = failedApplies();
        refuseProfileWrites(sqlState);
        publisher.erase(erased, 2);
        publisher.profile(changed, 1, answers(Concern.CLOGGED_PORES), "en");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> failedApplies() >= failedBefore + 2);
        assertThat(profiles.find(erased))
                .as("the erasure waits for the database")
                .isPresent();

        allowProfileWrites();
        awaitErased(erased);
        awaitVersion(changed, 1);
        assertNothingParked(erased, changed);
    }

    /** Every connection of the service killed while changes stream in, as a failover does: all of them land. */
    @Test
    void changesStreamedWhileTheDatabaseDropsEveryConnectionAllLand() throws Exception {
        List<String> customers =
                IntStream.range(0, 40).mapToObj(i -> newCustomer()).toList();
        for (int round = 1; round <= 3; round++) {
            for (String customer : customers) {
                publisher.profile(customer, round, answers(Concern.values()[round % 3]), "en");
            }
            terminateTheServicesConnections();
        }
        for (int i = 0; i < customers.size(); i += 2) {
            publisher.erase(customers.get(i), 4);
        }
        terminateTheServicesConnections();
        for (int i = 0; i < customers.size(); i++) {
            if (i % 2 == 0) {
                awaitErased(customers.get(i));
            } else {
                awaitVersion(customers.get(i), 3);
            }
        }
        assertNothingParked(customers.toArray(String[]::new));
    }

    /**
     * The pool validates a connection that sat idle longer than the foreground validation interval before it hands
     * it out: once every connection was killed (a failover, a restarted server) and the service was quiet, the next
     * reads all succeed instead of each failing on a dead connection.
     */
    @Test
    void afterEveryConnectionWasDroppedAQuietServicesNextReadsSucceed() throws Exception {
        String customer = newCustomer();
        publisher.profile(customer, 1, answers(Concern.DULLNESS), "en");
        awaitVersion(customer, 1);
        List<Connection> held = new ArrayList<>();
        try { // several connections in the pool, so that the reads below meet more than one dead one
            for (int i = 0; i < 4; i++) {
                held.add(dataSource.getConnection());
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        // from a connection outside the pool, so that every pooled one is dead, the thread's cached one included
        try (Connection outside = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                Statement statement = outside.createStatement()) {
            statement.execute("""
                    select pg_terminate_backend(pid) from pg_stat_activity
                    where datname = current_database() and usename = current_user and pid <> pg_backend_pid()""");
        }
        Thread.sleep(VALIDATE_IDLE_AFTER.plusMillis(500).toMillis());
        for (int i = 0; i < 8; i++) {
            assertThat(profiles.find(customer)).as("read %d", i).isPresent();
        }
    }

    private void terminateTheServicesConnections() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    select pg_terminate_backend(pid) from pg_stat_activity
                    where datname = current_database() and usename = current_user and pid <> pg_backend_pid()""");
        }
    }

    /** A tombstone erases up to its version; an older value replayed after it cannot bring the customer back. */
    @Test
    void anOlderValueReplayedAfterAnErasureDoesNotResurrectTheCustomer() {
        String customer = newCustomer();
        publisher.profile(customer, 1, answers(Concern.DARK_SPOTS), "en");
        publisher.profile(customer, 2, answers(Concern.CLOGGED_PORES), "en");
        awaitVersion(customer, 2);
        publisher.erase(customer, 3);
        awaitErased(customer);

        publisher.profile(customer, 2, answers(Concern.CLOGGED_PORES), "en"); // a replay, before compaction removed it
        publisher.profile(customer, 1, answers(Concern.DARK_SPOTS), "en");
        String marker = newCustomer(); // arrives after the replayed values on every partition it shares
        publisher.profile(marker, 1, answers(Concern.CLOGGED_PORES), "en");
        awaitVersion(marker, 1);
        assertThat(profiles.find(customer)).as("erased customer resurrected").isEmpty();

        publisher.profile(customer, 4, answers(Concern.DULLNESS), "en"); // the customer answers again
        awaitVersion(customer, 4);
    }

    /** The topic replayed from the start: the old tombstone comes after the profile created again, and loses. */
    @Test
    void aReplayedTombstoneOlderThanTheProfileHeldChangesNothing() {
        String customer = newCustomer();
        publisher.profile(customer, 5, answers(Concern.DULLNESS), "en");
        awaitVersion(customer, 5);
        publisher.erase(customer, 3);
        String marker = newCustomer();
        publisher.profile(marker, 1, answers(Concern.CLOGGED_PORES), "en");
        awaitVersion(marker, 1);
        assertThat(profiles.find(customer).orElseThrow().version()).isEqualTo(5);
    }

    /**
     * The tombstone never arrived (a consumer down past the tombstone retention): the customer answers again and,
     * versions going on from the erasure's, the new answers replace the erased ones.
     */
    @Test
    void aProfileCreatedAgainReplacesAnswersWhoseTombstoneWasLost() {
        String customer = newCustomer();
        publisher.profile(customer, 2, answers(Concern.DARK_SPOTS), "en");
        awaitVersion(customer, 2);
        publisher.profile(customer, 4, answers(Concern.CLOGGED_PORES), "en"); // version 3 was the erasure
        awaitVersion(customer, 4);
        assertThat(profiles.find(customer).orElseThrow().answers().concerns()).containsExactly(Concern.CLOGGED_PORES);
    }

    /** Markers go after their retention, and only those. */
    @Test
    void erasureMarkersAreForgottenAfterTheirRetention() {
        String customer = newCustomer();
        publisher.profile(customer, 1, answers(Concern.DARK_SPOTS), "en");
        publisher.erase(customer, 2);
        awaitErased(customer);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> markerOf(customer) == 2);
        assertThat(profiles.forgetErasuresBefore(Instant.now().minus(Duration.ofDays(1))))
                .isZero();
        assertThat(markerOf(customer)).isEqualTo(2);
        assertThat(profiles.forgetErasuresBefore(Instant.now().plusSeconds(1))).isPositive();
        assertThat(markerOf(customer)).isEqualTo(-1);
    }

    private long markerOf(String customer) {
        try (Connection connection = dataSource.getConnection();
                var select = connection.prepareStatement(
                        "select erased_version from erased_customer where customer_id = ?")) {
            select.setString(1, customer);
            try (var row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A producer one release ahead adds optional fields: this build ignores them and applies the event. A field the
     * read model needs is still required.
     */
    @Test
    void eventsWithFieldsThisBuildDoesNotKnowAreAppliedAndIncompleteOnesParked() throws Exception {
        String customer = newCustomer();
        ObjectNode profile =
                json.valueToTree(new SkinProfile(customer, 1, 1, "en", answers(Concern.CLOGGED_PORES), Instant.now()));
        profile.put("channel", "app");
        ((ObjectNode) profile.get("answers")).put("climate", "humid");
        publisher.raw(Topics.PROFILES_SKIN, customer, EventTypes.PROFILE_CHANGED, json.writeValueAsBytes(profile));
        awaitVersion(customer, 1);

        String sku = "P-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        ObjectNode product =
                json.valueToTree(product(sku, Category.CLEANSER, "12.00").build());
        product.put("barcode", "4006381333931");
        product.putObject("shipping").put("weightGrams", 120);
        publisher.raw(Topics.CATALOG_PRODUCTS, sku, EventTypes.PRODUCT_CHANGED, json.writeValueAsBytes(product));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> table.find(sku).isPresent());

        String incomplete = newCustomer();
        ObjectNode missing = json.valueToTree(
                new SkinProfile(incomplete, 1, 1, "en", answers(Concern.CLOGGED_PORES), Instant.now()));
        missing.remove("answers");
        publisher.raw(Topics.PROFILES_SKIN, incomplete, EventTypes.PROFILE_CHANGED, json.writeValueAsBytes(missing));
        assertThat(TopicReader.readKey(
                        broker.adminClientConfig(),
                        Topics.deadLetterOf(Topics.PROFILES_SKIN),
                        incomplete,
                        r -> !r.isEmpty(),
                        Duration.ofSeconds(30)))
                .hasSize(1);
        assertThat(profiles.find(incomplete)).isEmpty();
    }

    /**
     * A poison record's dead letter says where it is and why, never what it holds: the answers stay on the source
     * topic only, which erasure reaches. The coordinates lead back to the original.
     */
    @Test
    void deadLettersCarryCoordinatesNotTheAnswers() throws Exception {
        String customer = newCustomer();
        ObjectNode profile =
                json.valueToTree(new SkinProfile(customer, 1, 1, "en", answers(Concern.CLOGGED_PORES), Instant.now()));
        ((ObjectNode) profile.get("answers")).put("pregnantOrBreastfeeding", "yes, 20 weeks"); // wrong type: poison
        byte[] original = json.writeValueAsBytes(profile);
        publisher.raw(Topics.PROFILES_SKIN, customer, EventTypes.PROFILE_CHANGED, original);

        List<ConsumerRecord<String, String>> parked = TopicReader.readKey(
                broker.adminClientConfig(),
                Topics.deadLetterOf(Topics.PROFILES_SKIN),
                customer,
                r -> !r.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(parked).hasSize(1);
        ConsumerRecord<String, String> dead = parked.get(0);
        assertThat(dead.value())
                .doesNotContain("20 weeks")
                .doesNotContain("CLOGGED_PORES")
                .doesNotContain("answers");
        dead.headers()
                .forEach(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8))
                        .doesNotContain("20 weeks"));
        JsonNode coordinates = json.readTree(dead.value());
        assertThat(coordinates.get("topic").asText()).isEqualTo(Topics.PROFILES_SKIN);
        assertThat(header(dead, "dlq.offset"))
                .isEqualTo(coordinates.get("offset").asText());
        assertThat(coordinates.get("error").asText()).isNotBlank().doesNotContain("20 weeks");

        byte[] atCoordinates = readAt(
                coordinates.get("topic").asText(),
                coordinates.get("partition").asInt(),
                coordinates.get("offset").asLong());
        assertThat(atCoordinates).isEqualTo(original);
    }

    private byte[] readAt(String topic, int partition, long offset) {
        TopicPartition at = new TopicPartition(topic, partition);
        // an operator following a dead letter's coordinates
        Map<String, Object> config = new HashMap<>(broker.adminClientConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(at));
            consumer.seek(at, offset);
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("nothing at " + topic + "-" + partition + "@" + offset);
    }
}
