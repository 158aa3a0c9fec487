package com.skincareshop.profile.events;

import static com.skincareshop.platform.testing.TopicReader.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.EventContracts;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.Readiness;
import com.skincareshop.platform.testing.TopicReader;
import com.skincareshop.profile.support.ProfileTest;
import com.skincareshop.profile.support.Requests;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What reaches {@code profiles.skin.v1}, read back from the real broker, and what erasure leaves behind. */
@ProfileTest
class ProfileEventsTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void serviceIsReady() {
        Readiness.await();
    }

    private List<ConsumerRecord<String, String>> await(
            String customer, Predicate<List<ConsumerRecord<String, String>>> done) {
        return TopicReader.readKey(
                broker.clientConfig(KafkaAccess.RECOMMENDATION_SERVICE),
                Topics.PROFILES_SKIN,
                customer,
                done,
                Duration.ofSeconds(60));
    }

    private SkinProfile profileOf(ConsumerRecord<String, String> record) {
        try {
            return json.readValue(record.value(), SkinProfile.class);
        } catch (Exception e) {
            throw new AssertionError("not a SkinProfile", e);
        }
    }

    private long rowsAbout(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long profiles = (Long) entityManager
                    .createQuery("select count(p) from Profile p where p.customerId = :c")
                    .setParameter("c", customer)
                    .getSingleResult();
            long history = (Long) entityManager
                    .createQuery("select count(v) from ProfileVersion v where v.customerId = :c")
                    .setParameter("c", customer)
                    .getSingleResult();
            long eventsWithData = (Long) entityManager
                    .createQuery("select count(e) from OutboxEvent e where e.key = :c and e.payload is not null")
                    .setParameter("c", customer)
                    .getSingleResult();
            return profiles + history + eventsWithData;
        });
    }

    @Test
    void createUpdateAndUnchangedResubmission() {
        String customer = Requests.newCustomerId();
        Map<String, Object> answers = Requests.answers();
        Requests.put(customer, Requests.profile(answers)).then().statusCode(201);
        Requests.put(customer, Requests.profile(answers)).then().statusCode(200); // unchanged: no event
        answers.put("concerns", List.of("DULLNESS"));
        Requests.put(customer, Requests.profile(answers)).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = await(
                customer, r -> !r.isEmpty() && profileOf(r.get(r.size() - 1)).version() == 2);

        assertThat(records).extracting(r -> profileOf(r).version()).containsExactly(1L, 2L);
        ConsumerRecord<String, String> first = records.get(0);
        assertThat(first.key()).isEqualTo(customer);
        assertThat(header(first, "ce_type")).isEqualTo(EventTypes.PROFILE_CHANGED);
        assertThat(header(first, "ce_source")).isEqualTo("/profile-service");
        assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(first, "content-type")).isEqualTo("application/json");
        SkinProfile created = profileOf(first);
        assertThat(created.questionnaireVersion()).isEqualTo(1);
        assertThat(created.locale()).isEqualTo("lv");
        assertThat(created.answers().concerns()).containsExactly(Concern.ENLARGED_PORES, Concern.SAGGING_PORES);
        assertThat(created.answers().budget().amount()).isEqualByComparingTo("120.00");
        assertThat(profileOf(records.get(1)).answers().concerns()).containsExactly(Concern.DULLNESS);
        for (ConsumerRecord<String, String> record : records) {
            EventContracts.assertMatchesSample(Topics.PROFILES_SKIN, "every-answer.json", record.value());
            EventContracts.assertHeaders(record, "profileChanged");
        }
    }

    /**
     * The golden sample is what profile-service publishes: a sample's answers, submitted as the customer gave
     * them, come back on the topic as that very sample (normalized, optional answers absent as they were), but for
     * the customer, version and time of this run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"every-answer.json", "no-optional-answers.json"})
    void aProfileIsPublishedAsItsGoldenSample(String sample) throws Exception {
        JsonNode golden = EventContracts.sample(Topics.PROFILES_SKIN, sample);
        String customer = Requests.newCustomerId();
        ObjectNode body = json.createObjectNode();
        body.set("questionnaireVersion", golden.get("questionnaireVersion"));
        body.set("locale", golden.get("locale"));
        body.set("answers", golden.get("answers"));
        Requests.put(customer, body.toString()).then().statusCode(201);

        ConsumerRecord<String, String> record =
                await(customer, r -> !r.isEmpty()).get(0);
        EventContracts.assertMatchesSample(Topics.PROFILES_SKIN, sample, record.value());
        EventContracts.assertHeaders(record, "profileChanged");
        ObjectNode expected = golden.deepCopy();
        expected.put("customerId", customer);
        expected.put("version", 1);
        expected.set("updatedAt", json.readTree(record.value()).get("updatedAt"));
        assertThat(json.readTree(record.value())).isEqualTo(expected);
    }

    @Test
    void erasurePublishesATombstoneAndLeavesNothingBehind() {
        String customer = Requests.newCustomerId();
        Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(201);
        await(customer, r -> !r.isEmpty());

        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .delete("/api/profiles/{id}", customer)
                .then()
                .statusCode(204);

        List<ConsumerRecord<String, String>> records =
                await(customer, r -> !r.isEmpty() && r.get(r.size() - 1).value() == null);
        ConsumerRecord<String, String> tombstone = records.get(records.size() - 1);
        assertThat(tombstone.value()).isNull();
        assertThat(header(tombstone, "ce_type")).isEqualTo(EventTypes.PROFILE_ERASED);
        EventContracts.assertHeaders(tombstone, "profileErased");
        assertThat(rowsAbout(customer))
                .as("profile, history and outbox payload rows")
                .isZero();
    }

    private static void erase(String customer) {
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .delete("/api/profiles/{id}", customer)
                .then()
                .statusCode(204);
    }

    private static long erasedVersion(ConsumerRecord<String, String> tombstone) {
        assertThat(tombstone.value()).isNull();
        EventContracts.assertHeaders(tombstone, "profileErased");
        return Long.parseLong(header(tombstone, "ce_aggregateversion"));
    }

    /**
     * The erasure takes a version and the profile answered again goes on from it: every consumer sees the new
     * answers as newer than anything it erased, and an older value replayed after the tombstone as older.
     */
    @Test
    void versionsGoOnAcrossAnErasure() {
        String customer = Requests.newCustomerId();
        Map<String, Object> answers = Requests.answers();
        Requests.put(customer, Requests.profile(answers)).then().statusCode(201);
        answers.put("concerns", List.of("DULLNESS"));
        Requests.put(customer, Requests.profile(answers)).then().statusCode(200);
        erase(customer);
        Requests.put(customer, Requests.profile(answers)).then().statusCode(201).header("ETag", "\"4\"");

        List<ConsumerRecord<String, String>> records = await(customer, r -> r.size() == 4);
        assertThat(profileOf(records.get(1)).version()).isEqualTo(2);
        assertThat(erasedVersion(records.get(2))).isEqualTo(3);
        assertThat(profileOf(records.get(3)).version()).isEqualTo(4);
    }

    /**
     * Erasing again, with nothing left to erase, publishes the tombstone again (the same version): a consumer that
     * lost the first is repaired. A customer never seen gets one too.
     */
    @Test
    void everyErasurePublishesATombstoneEvenWithNothingLeft() {
        String customer = Requests.newCustomerId();
        Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(201);
        // each step waits for its record: an erasure drops the key's rows the relay has not sent yet (nothing of an
        // erased customer is published after the erasure), so a second erasure right after the first could
        // legitimately replace the first's tombstone
        await(customer, r -> r.size() == 1);
        erase(customer);
        await(customer, r -> r.size() == 2);
        erase(customer);
        List<ConsumerRecord<String, String>> records = await(customer, r -> r.size() == 3);
        assertThat(erasedVersion(records.get(1))).isEqualTo(2);
        assertThat(erasedVersion(records.get(2))).isEqualTo(2);
        assertThat(rowsAbout(customer)).isZero();

        String stranger = Requests.newCustomerId();
        erase(stranger);
        assertThat(erasedVersion(await(stranger, r -> !r.isEmpty()).get(0))).isEqualTo(1);
        Requests.put(stranger, Requests.profile(Requests.answers()))
                .then()
                .statusCode(201)
                .header("ETag", "\"2\"");
    }

    @Test
    void writesDuringABrokerOutageAllArriveInOrder() {
        List<String> customers = List.of(Requests.newCustomerId(), Requests.newCustomerId());
        Map<String, Object> answers = Requests.answers();
        double failuresBefore = metrics.counter("outbox.publish.failures").count();
        broker.stop();
        try {
            for (int hours = 1; hours <= 3; hours++) {
                answers.put("sunExposureHours", hours);
                for (String customer : customers) {
                    Requests.put(customer, Requests.profile(answers)).then().statusCode(hours == 1 ? 201 : 200);
                }
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> metrics.counter("outbox.publish.failures").count() > failuresBefore);
        } finally {
            broker.start();
        }
        for (String customer : customers) {
            List<ConsumerRecord<String, String>> records = await(
                    customer,
                    r -> !r.isEmpty() && profileOf(r.get(r.size() - 1)).version() == 3);
            List<Long> versions = new ArrayList<>(
                    records.stream().map(r -> profileOf(r).version()).toList());
            assertThat(new ArrayList<>(new LinkedHashSet<>(versions))).containsExactly(1L, 2L, 3L);
        }
    }
}
