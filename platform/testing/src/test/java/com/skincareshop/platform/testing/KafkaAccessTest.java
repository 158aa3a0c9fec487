package com.skincareshop.platform.testing;

import static com.skincareshop.contracts.events.KafkaAccess.CATALOG_SERVICE;
import static com.skincareshop.contracts.events.KafkaAccess.MARKETING;
import static com.skincareshop.contracts.events.KafkaAccess.PROFILE_SERVICE;
import static com.skincareshop.contracts.events.KafkaAccess.RECOMMENDATION_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link KafkaAccess} on the real broker with the authorizer on: every principal can do what its clients do (the
 * services' topic provisioning, idempotent producers and consumers, marketing's consumer), and what it must not do
 * is refused with an authorization error. So are a wrong password and a client that does not authenticate.
 */
class KafkaAccessTest {

    private static final String CATALOG_DLQ = Topics.deadLetterOf(Topics.CATALOG_PRODUCTS);
    private static final String PROFILES_DLQ = Topics.deadLetterOf(Topics.PROFILES_SKIN);

    private static KafkaBroker broker;

    /** Each service creates its own topics, as its TopicProvisioner does where they are missing. */
    @BeforeAll
    static void startTheBrokerAndLetTheServicesCreateTheirTopics() throws Exception {
        broker = KafkaBroker.forTests().start();
        create(CATALOG_SERVICE, Topics.CATALOG_PRODUCTS, 2, true);
        create(PROFILE_SERVICE, Topics.PROFILES_SKIN, 2, true);
        create(RECOMMENDATION_SERVICE, Topics.RECOMMENDATIONS_ISSUED, 2, true);
        create(RECOMMENDATION_SERVICE, CATALOG_DLQ, 1, false);
        create(RECOMMENDATION_SERVICE, PROFILES_DLQ, 1, false);
    }

    @AfterAll
    static void stopTheBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theBrokerHoldsExactlyTheAclsOfKafkaAccess() throws Exception {
        try (Admin admin = Admin.create(broker.adminClientConfig())) {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrderElementsOf(KafkaAcls.bindings());
        }
    }

    /** Listing shows only the topics a principal may describe; describing its own works, as the provisioner does. */
    @Test
    void eachPrincipalSeesAndDescribesOnlyItsTopics() throws Exception {
        Map<String, Set<String>> visible = Map.of(
                CATALOG_SERVICE, Set.of(Topics.CATALOG_PRODUCTS),
                PROFILE_SERVICE, Set.of(Topics.PROFILES_SKIN),
                RECOMMENDATION_SERVICE,
                        Set.of(
                                Topics.CATALOG_PRODUCTS,
                                Topics.PROFILES_SKIN,
                                Topics.RECOMMENDATIONS_ISSUED,
                                CATALOG_DLQ,
                                PROFILES_DLQ),
                MARKETING, Set.of(Topics.RECOMMENDATIONS_ISSUED));
        for (Map.Entry<String, Set<String>> principal : visible.entrySet()) {
            try (Admin admin = admin(principal.getKey())) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                        .as(principal.getKey() + " lists")
                        .containsExactlyInAnyOrderElementsOf(principal.getValue());
                assertThat(admin.describeTopics(principal.getValue())
                                .allTopicNames()
                                .get(10, TimeUnit.SECONDS))
                        .as(principal.getKey() + " describes")
                        .hasSize(principal.getValue().size());
            }
        }
    }

    @Test
    void eachServiceWritesItsOwnTopicsWithAnIdempotentProducer() throws Exception {
        send(CATALOG_SERVICE, Topics.CATALOG_PRODUCTS, "P-1", "{}");
        send(CATALOG_SERVICE, Topics.CATALOG_PRODUCTS, "P-1", null);
        send(PROFILE_SERVICE, Topics.PROFILES_SKIN, "c-1", "{}");
        send(PROFILE_SERVICE, Topics.PROFILES_SKIN, "c-1", null);
        send(RECOMMENDATION_SERVICE, Topics.RECOMMENDATIONS_ISSUED, "c-1", "{}");
        send(RECOMMENDATION_SERVICE, CATALOG_DLQ, "P-1", "{}");
        send(RECOMMENDATION_SERVICE, PROFILES_DLQ, "c-1", "{}");
    }

    /** The catalogue table without a group; the profile consumers in recommendation-service's group, committing. */
    @Test
    void recommendationServiceReadsTheCatalogueAndTheProfilesInItsGroup() throws Exception {
        String sku = "P-" + UUID.randomUUID();
        send(CATALOG_SERVICE, Topics.CATALOG_PRODUCTS, sku, "{\"sku\":\"" + sku + "\"}");
        assertThat(readAssigned(RECOMMENDATION_SERVICE, Topics.CATALOG_PRODUCTS))
                .extracting(ConsumerRecord::key)
                .contains(sku);

        String customer = "c-" + UUID.randomUUID();
        send(PROFILE_SERVICE, Topics.PROFILES_SKIN, customer, "{}");
        assertThat(readInGroup(RECOMMENDATION_SERVICE, KafkaAccess.RECOMMENDATION_GROUP, Topics.PROFILES_SKIN))
                .extracting(ConsumerRecord::key)
                .contains(customer);
    }

    @Test
    void marketingReadsTheIssuedRoutinesInAGroupOfItsOwn() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        send(RECOMMENDATION_SERVICE, Topics.RECOMMENDATIONS_ISSUED, customer, "{}");
        assertThat(readInGroup(MARKETING, "marketing-crm", Topics.RECOMMENDATIONS_ISSUED))
                .extracting(ConsumerRecord::key)
                .contains(customer);
        assertThat(readAssigned(MARKETING, Topics.RECOMMENDATIONS_ISSUED))
                .extracting(ConsumerRecord::key)
                .contains(customer);
    }

    /** No forged profile versions nor erasures from the catalogue, nor reading customers' answers. */
    @Test
    void catalogServiceCannotReadNorWriteTheProfiles() {
        assertThat(readFailure(CATALOG_SERVICE, Topics.PROFILES_SKIN)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFailure(CATALOG_SERVICE, Topics.PROFILES_SKIN, "c-1", "{\"version\":99}"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFailure(CATALOG_SERVICE, Topics.PROFILES_SKIN, "c-1", null))
                .as("a forged erasure (tombstone)")
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(createFailure(CATALOG_SERVICE, "profiles.skin.v2")).isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void profileServiceCannotWriteTheCatalogue() {
        assertThat(sendFailure(PROFILE_SERVICE, Topics.CATALOG_PRODUCTS, "P-1", "{}"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(readFailure(PROFILE_SERVICE, Topics.CATALOG_PRODUCTS))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    /** It reads the producers' topics and creates its own, but may neither write nor create theirs. */
    @Test
    void recommendationServiceCannotWriteNorCreateTheProducersTopics() {
        assertThat(sendFailure(RECOMMENDATION_SERVICE, Topics.PROFILES_SKIN, "c-1", "{}"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFailure(RECOMMENDATION_SERVICE, Topics.PROFILES_SKIN, "c-1", null))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendFailure(RECOMMENDATION_SERVICE, Topics.CATALOG_PRODUCTS, "P-1", "{}"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(createFailure(RECOMMENDATION_SERVICE, "catalog.products.v2"))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void marketingCannotWriteTheIssuedRoutinesNorReadProfilesNorUseTheServicesGroup() {
        // with no WRITE anywhere, not even an idempotent producer's id is granted: the producer fails with
        // ClusterAuthorizationException, or with the error state it left the producer in
        assertThat(chain(sendFailure(MARKETING, Topics.RECOMMENDATIONS_ISSUED, "c-1", "{}")))
                .hasAtLeastOneElementOfType(AuthorizationException.class);
        assertThat(readFailure(MARKETING, Topics.PROFILES_SKIN)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(readFailure(MARKETING, Topics.CATALOG_PRODUCTS)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(groupFailure(MARKETING, KafkaAccess.RECOMMENDATION_GROUP, Topics.RECOMMENDATIONS_ISSUED))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void noPrincipalCanDeleteTopicsNorChangeAclsNorUsers() throws Exception {
        for (KafkaAccess.Principal principal : KafkaAccess.principals()) {
            String name = principal.name();
            try (Admin admin = admin(name)) {
                assertThat(cause(() -> admin.deleteTopics(List.of(Topics.RECOMMENDATIONS_ISSUED))
                                .all()
                                .get(10, TimeUnit.SECONDS)))
                        .as(name + " deletes a topic")
                        .isInstanceOf(TopicAuthorizationException.class);
                assertThat(cause(() -> admin.createAcls(List.copyOf(KafkaAcls.bindings()))
                                .all()
                                .get(10, TimeUnit.SECONDS)))
                        .as(name + " creates ACLs")
                        .isInstanceOf(ClusterAuthorizationException.class);
                assertThat(cause(() -> admin.deleteAcls(List.of(AclBindingFilter.ANY))
                                .all()
                                .get(10, TimeUnit.SECONDS)))
                        .as(name + " deletes ACLs")
                        .isInstanceOf(ClusterAuthorizationException.class);
                assertThat(cause(() -> admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                                        KafkaCredentials.ADMIN,
                                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                                        "taken-over")))
                                .all()
                                .get(10, TimeUnit.SECONDS)))
                        .as(name + " sets a password")
                        .isInstanceOf(ClusterAuthorizationException.class);
            }
        }
        try (Admin admin = Admin.create(broker.adminClientConfig())) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(Topics.RECOMMENDATIONS_ISSUED);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(CATALOG_SERVICE));
        config.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                KafkaCredentials.jaas(ScramLoginModule.class.getName(), CATALOG_SERVICE, "not-the-password"));
        try (Admin admin = Admin.create(config)) {
            assertThat(cause(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** The listener speaks SASL only: a client that does not authenticate gets no answer at all. */
    @Test
    void aClientThatDoesNotAuthenticateGetsNothing() {
        Map<String, Object> config = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        try (Admin admin = Admin.create(config)) {
            assertThat(cause(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS)))
                    .isInstanceOf(TimeoutException.class);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static Admin admin(String principal) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(principal));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(config);
    }

    private static void create(String principal, String topic, int partitions, boolean compacted) throws Exception {
        try (Admin admin = admin(principal)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                            .configs(Map.of(
                                    TopicConfig.CLEANUP_POLICY_CONFIG,
                                    compacted
                                            ? TopicConfig.CLEANUP_POLICY_COMPACT
                                            : TopicConfig.CLEANUP_POLICY_DELETE))))
                    .all()
                    .get(10, TimeUnit.SECONDS);
        }
    }

    private static Throwable createFailure(String principal, String topic) {
        return cause(() -> {
            create(principal, topic, 1, true);
            return null;
        });
    }

    /** As the outbox relay and the dead letters send: idempotent, acknowledged by all replicas. */
    private static KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(principal));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static void send(String principal, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = producer(principal)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    private static Throwable sendFailure(String principal, String topic, String key, String value) {
        return cause(() -> {
            send(principal, topic, key, value);
            return null;
        });
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(principal));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** As the catalogue table reads: every partition assigned, from the beginning, up to the end offsets. */
    private static List<ConsumerRecord<String, String>> readAssigned(String principal, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(principal, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** As the profile consumers read: subscribed in a group, committing what they processed. */
    private static List<ConsumerRecord<String, String>> readInGroup(String principal, String group, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(principal, group)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (records.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            records.forEach(r ->
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
            consumer.commitSync(offsets);
            assertThat(consumer.committed(offsets.keySet())).isEqualTo(offsets);
            return records;
        }
    }

    /** What polling a topic this principal may not read ends with. */
    private static Throwable readFailure(String principal, String topic) {
        return cause(() -> {
            try (KafkaConsumer<String, String> consumer = consumer(principal, null)) {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
                Instant deadline = Instant.now().plusSeconds(20);
                while (Instant.now().isBefore(deadline)) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }
            return null;
        });
    }

    private static Throwable groupFailure(String principal, String group, String topic) {
        return cause(() -> {
            try (KafkaConsumer<String, String> consumer = consumer(principal, group)) {
                consumer.subscribe(List.of(topic));
                Instant deadline = Instant.now().plusSeconds(20);
                while (Instant.now().isBefore(deadline)) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }
            return null;
        });
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private interface Action {
        Object run() throws Exception;
    }

    /** The exception an action fails with, unwrapped from {@link ExecutionException}; fails if it succeeds. */
    private static Throwable cause(Action action) {
        try {
            action.run();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a refusal, but it succeeded");
    }
}
