package com.skincareshop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.skincareshop.contracts.events.KafkaAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Strimzi resources of every overlay, read with Strimzi's own model and refused on any field it does not know
 * (a misspelt one would be ignored by the operator, silently), and checked against the code: the KafkaUsers' ACLs
 * are exactly {@link KafkaAccess}'s, the only client listener authenticates over TLS, and each service connects as
 * its own KafkaUser, trusting the cluster CA.
 */
class StrimziResourcesTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final List<String> SERVICES =
            List.of(KafkaAccess.CATALOG_SERVICE, KafkaAccess.PROFILE_SERVICE, KafkaAccess.RECOMMENDATION_SERVICE);
    private static final String CLUSTER = "skincare";

    /**
     * Strimzi's classes keep unknown fields (an any-setter) where Jackson would refuse them: without it, every field
     * must be one of the model's, and {@code FAIL_ON_UNKNOWN_PROPERTIES} refuses the rest, at any depth.
     */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(
                        DeserializationConfig config, BeanDescription description, BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }));

    private static final YAMLMapper YAML = new YAMLMapper();

    private record Rendered(
            List<Kafka> kafkas,
            List<KafkaNodePool> nodePools,
            List<KafkaTopic> topics,
            List<KafkaUser> users,
            List<Deployment> deployments,
            List<ConfigMap> configMaps) {}

    private static final Map<String, Rendered> RENDERED = new HashMap<>();

    @BeforeAll
    static void render() throws Exception {
        for (String overlay : List.of("dev", "prod")) {
            RENDERED.put(overlay, read(Kustomize.render(ROOT.resolve("deploy/kubernetes/overlays/" + overlay))));
        }
    }

    @Test
    void aMisspeltFieldIsRefusedAtAnyDepth() {
        String misspeltAuthorization = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata:
                  name: catalog-service
                spec:
                  authentication:
                    type: scram-sha-512
                  authorisation:
                    type: simple
                """;
        assertThatThrownBy(() -> read(misspeltAuthorization))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("authorisation");
        String misspeltOperations = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata:
                  name: catalog-service
                spec:
                  authorization:
                    type: simple
                    acls:
                      - resource:
                          type: topic
                          name: catalog.products.v1
                        operatoins: [Read]
                """;
        assertThatThrownBy(() -> read(misspeltOperations))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("operatoins");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyStrimziResourceReadsWithStrimzisModel(String overlay) {
        Rendered rendered = RENDERED.get(overlay);
        assertThat(rendered.kafkas()).hasSize(1);
        assertThat(rendered.nodePools()).hasSize(1);
        assertThat(rendered.topics()).hasSize(5);
        assertThat(rendered.users())
                .extracting(u -> u.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(KafkaAccess.principals().stream()
                        .map(KafkaAccess.Principal::name)
                        .toList());
        for (KafkaUser user : rendered.users()) {
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", CLUSTER);
        }
    }

    /** KafkaAccess is the one source of truth: the KafkaUsers allow exactly what it allows, no more, no less. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theKafkaUsersAllowExactlyWhatKafkaAccessAllows(String overlay) {
        for (KafkaAccess.Principal principal : KafkaAccess.principals()) {
            KafkaUser user = RENDERED.get(overlay).users().stream()
                    .filter(u -> u.getMetadata().getName().equals(principal.name()))
                    .findFirst()
                    .orElseThrow();
            assertThat(user.getSpec().getAuthentication())
                    .as(principal.name() + " authenticates")
                    .isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            assertThat(user.getSpec().getAuthorization()).isInstanceOf(KafkaUserAuthorizationSimple.class);
            List<AclRule> rules = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
            assertThat(grants(rules)).as(principal.name()).isEqualTo(principal.grants());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theOnlyClientListenerAuthenticatesOverTlsAndTheAuthorizerIsOn(String overlay) {
        Kafka kafka = RENDERED.get(overlay).kafkas().get(0);
        assertThat(kafka.getMetadata().getName()).isEqualTo(CLUSTER);
        List<GenericKafkaListener> listeners = kafka.getSpec().getKafka().getListeners();
        assertThat(listeners).hasSize(1);
        GenericKafkaListener listener = listeners.get(0);
        assertThat(listener.isTls()).isTrue();
        assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isInstanceOf(KafkaAuthorizationSimple.class);
        assertThat(((KafkaAuthorizationSimple) kafka.getSpec().getKafka().getAuthorization()).getSuperUsers())
                .as("no super user besides Strimzi's own components")
                .isNullOrEmpty();
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator())
                .as("the User Operator writes the KafkaUsers' Secrets")
                .isNotNull();

        Map<String, String> common = configMap(overlay, "skincare-common");
        assertThat(common)
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", CLUSTER + "-kafka-bootstrap:" + listener.getPort())
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
    }

    /** Each service as its own KafkaUser (the Secret the User Operator writes), trusting the CA Strimzi keeps. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceConnectsAsItsOwnKafkaUserTrustingTheClusterCa(String overlay) {
        String truststore = configMap(overlay, "skincare-common").get("KAFKA_SSL_TRUSTSTORE_LOCATION");
        for (String service : SERVICES) {
            Deployment deployment = RENDERED.get(overlay).deployments().stream()
                    .filter(d -> d.getMetadata().getName().equals(service))
                    .findFirst()
                    .orElseThrow();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            EnvVar jaas = container.getEnv().stream()
                    .filter(v -> v.getName().equals("KAFKA_SASL_JAAS_CONFIG"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no KAFKA_SASL_JAAS_CONFIG"));
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName())
                    .as(service + "'s KafkaUser Secret")
                    .isEqualTo(service);
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");

            VolumeMount mount = container.getVolumeMounts().stream()
                    .filter(m -> truststore.startsWith(m.getMountPath() + "/"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + truststore));
            Volume volume = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow();
            assertThat(volume.getSecret().getSecretName()).isEqualTo(CLUSTER + "-cluster-ca-cert");
            assertThat(volume.getSecret().getItems())
                    .extracting(KeyToPath::getKey, KeyToPath::getPath)
                    .as(service + " reads the CA certificate where KAFKA_SSL_TRUSTSTORE_LOCATION says")
                    .anySatisfy(item -> assertThat(
                                    mount.getMountPath() + "/" + item.toList().get(1))
                            .isEqualTo(truststore));
            assertThat(volume.getSecret().getItems())
                    .extracting(KeyToPath::getKey)
                    .contains("ca.crt");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** Strimzi's ACL rules as KafkaAccess's grants: one per operation, every rule an ALLOW from any host. */
    private static Set<KafkaAccess.Grant> grants(List<AclRule> rules) {
        Set<KafkaAccess.Grant> grants = new HashSet<>();
        for (AclRule rule : rules) {
            assertThat(rule.getType()).isIn(null, AclRuleType.ALLOW);
            assertThat(rule.getHost()).isEqualTo("*");
            assertThat(rule.getOperation())
                    .as("the deprecated single operation")
                    .isNull();
            KafkaAccess.Resource resource;
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                resource = new KafkaAccess.Resource(
                        KafkaAccess.ResourceType.TOPIC, topic.getName(), pattern(topic.getPatternType()));
            } else if (rule.getResource() instanceof AclRuleGroupResource group) {
                resource = new KafkaAccess.Resource(
                        KafkaAccess.ResourceType.GROUP, group.getName(), pattern(group.getPatternType()));
            } else {
                throw new AssertionError("an ACL on " + rule.getResource());
            }
            rule.getOperations()
                    .forEach(operation -> grants.add(
                            new KafkaAccess.Grant(resource, KafkaAccess.Operation.valueOf(operation.name()))));
        }
        return grants;
    }

    private static KafkaAccess.PatternType pattern(AclResourcePatternType type) {
        // Strimzi's default is literal
        return type == AclResourcePatternType.PREFIX
                ? KafkaAccess.PatternType.PREFIXED
                : KafkaAccess.PatternType.LITERAL;
    }

    private static Map<String, String> configMap(String overlay, String name) {
        return RENDERED.get(overlay).configMaps().stream()
                .filter(c -> c.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getData();
    }

    /** Every document of the rendered YAML; the Strimzi kinds strictly, by Strimzi's classes. */
    private static Rendered read(String yaml) throws IOException {
        List<Kafka> kafkas = new ArrayList<>();
        List<KafkaNodePool> nodePools = new ArrayList<>();
        List<KafkaTopic> topics = new ArrayList<>();
        List<KafkaUser> users = new ArrayList<>();
        List<Deployment> deployments = new ArrayList<>();
        List<ConfigMap> configMaps = new ArrayList<>();
        for (JsonNode document : YAML.readValues(new YAMLFactory().createParser(yaml), JsonNode.class)
                .readAll()) {
            if (document == null || document.isEmpty()) {
                continue;
            }
            String kind = document.path("kind").asText();
            boolean strimzi = document.path("apiVersion").asText().startsWith("kafka.strimzi.io/");
            switch (strimzi ? kind : kind.toLowerCase(Locale.ROOT)) {
                case "Kafka" -> kafkas.add(STRICT.treeToValue(document, Kafka.class));
                case "KafkaNodePool" -> nodePools.add(STRICT.treeToValue(document, KafkaNodePool.class));
                case "KafkaTopic" -> topics.add(STRICT.treeToValue(document, KafkaTopic.class));
                case "KafkaUser" -> users.add(STRICT.treeToValue(document, KafkaUser.class));
                case "deployment" -> deployments.add(YAML.treeToValue(document, Deployment.class));
                case "configmap" -> configMaps.add(YAML.treeToValue(document, ConfigMap.class));
                default -> {
                    if (strimzi) {
                        throw new AssertionError("a Strimzi resource this test does not know: " + kind);
                    }
                }
            }
        }
        return new Rendered(kafkas, nodePools, topics, users, deployments, configMaps);
    }
}
