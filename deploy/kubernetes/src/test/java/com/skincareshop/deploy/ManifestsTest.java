package com.skincareshop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders every overlay with {@code kubectl kustomize} (Debian's kubectl bundles kustomize) and checks it against
 * the code: probes and ports exist in the services, every environment variable is one the service reads, topics
 * match the services' configuration, every container is limited and locked down and stops gracefully; and against
 * what operations need: who may reach whom under the network policies, alerts with their runbooks, backups for
 * point-in-time recovery, pods that a drain or an autoscaler can move.
 */
class ManifestsTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final List<String> SERVICES =
            List.of("catalog-service", "profile-service", "recommendation-service");
    /** SmallRye Health's endpoints, which every service serves (see catalog-service's OperationsTest). */
    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    /**
     * Read by the image, not by the application: the java launcher's options (Dockerfile.jvm runs java itself, so
     * no start script reads anything else, such as run-java.sh's JAVA_OPTS_APPEND).
     */
    private static final Set<String> RUNTIME_IMAGE_VARIABLES = Set.of("JDK_JAVA_OPTIONS");

    private static final Path PLATFORM_DEFAULTS =
            ROOT.resolve("platform/runtime/src/main/resources/META-INF/microprofile-config.properties");
    /**
     * What a service's shutdown takes after the requests in flight: the background loops stop (the outbox relay
     * waits up to 10 s for its worker), the Kafka clients close.
     */
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(15);

    private static final Path PROMETHEUS_RULES =
            ROOT.resolve("deploy/kubernetes/base/monitoring/prometheus-rules.yaml");
    /** What the alerts watch: metrics the services expose at /q/metrics. */
    private static final List<String> ALERTED_METRICS =
            List.of("dlq_messages_total", "outbox_oldest_age_seconds", "outbox_parked_rows", "profiles_consumer_lag");
    /** The Prometheus Operator's pattern for a duration (its CRDs'). */
    private static final String PROMETHEUS_DURATION =
            "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$";

    /** A CloudNativePG instance's container ports: PostgreSQL, the instance manager's status and its metrics. */
    private static final Map<String, Integer> POSTGRES_PORTS =
            Map.of("postgresql", 5432, "status", 8000, "metrics", 9187);

    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[^}]*)?}");

    private static final Map<String, List<HasMetadata>> RENDERED = new HashMap<>();

    @BeforeAll
    static void render() throws Exception {
        for (String overlay : List.of("dev", "prod")) {
            RENDERED.put(overlay, parse(Kustomize.render(ROOT.resolve("deploy/kubernetes/overlays/" + overlay))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsWorkloadsProbesAndPorts(String overlay) throws IOException {
        for (String service : SERVICES) {
            Deployment deployment = one(overlay, Deployment.class, service);
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getPorts())
                    .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                    .as(service + " listens where its configuration says")
                    .containsExactlyInAnyOrder(
                            Tuple.tuple("http", port(overlay, service, "quarkus.http.port")),
                            Tuple.tuple("management", port(overlay, service, "quarkus.management.port")));
            // health is served on the management interface only
            for (Probe probe :
                    List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
                assertThat(probe).as(service + " probes").isNotNull();
                assertThat(HEALTH_PATHS).contains(probe.getHttpGet().getPath());
                assertThat(probe.getHttpGet().getPort().getStrVal())
                        .as(service + " probes the management port")
                        .isEqualTo("management");
            }
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");

            Service kubeService = one(overlay, Service.class, service);
            assertThat(kubeService.getSpec().getPorts())
                    .extracting(p -> p.getTargetPort().getStrVal())
                    .as(service + "'s Service offers the API and nothing else")
                    .containsExactly("http");
            assertThat(kubeService.getSpec().getSelector())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            Service management = one(overlay, Service.class, service + "-management");
            assertThat(management.getSpec().getClusterIP()).as("headless").isEqualTo("None");
            assertThat(management.getSpec().getPorts())
                    .extracting(ServicePort::getName, p -> p.getTargetPort().getStrVal())
                    .containsExactly(Tuple.tuple("management", "management"));
            assertThat(management.getSpec().getSelector())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            one(overlay, PodDisruptionBudget.class, service);
        }
        HorizontalPodAutoscaler hpa = one(overlay, HorizontalPodAutoscaler.class, "recommendation-service");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("recommendation-service");
    }

    /** Prometheus scrapes the management port of every service pod, and nothing is announced the old way. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void prometheusScrapesEveryServicesManagementPort(String overlay) {
        List<GenericKubernetesResource> monitors = custom(overlay, "monitoring.coreos.com/", "ServiceMonitor");
        assertThat(monitors).hasSize(1);
        Map<String, Object> spec = spec(monitors.get(0));
        assertThat(spec).as("the ServiceMonitor's own namespace").doesNotContainKey("namespaceSelector");
        Map<String, String> selector = map(map(spec.get("selector")).get("matchLabels"));
        List<Map<String, Object>> endpoints = list(spec.get("endpoints"));
        assertThat(endpoints).hasSize(1);
        assertThat(endpoints.get(0))
                .containsEntry("port", "management")
                .containsEntry("path", "/q/metrics")
                .containsEntry("scheme", "http");
        for (String service : SERVICES) {
            Service management = one(overlay, Service.class, service + "-management");
            assertThat(management.getMetadata().getLabels())
                    .as(service + "-management is selected")
                    .containsAllEntriesOf(selector);
            Map<String, String> annotations = one(overlay, Deployment.class, service)
                    .getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getAnnotations();
            assertThat(annotations == null ? Map.of() : annotations)
                    .as(service + ": the ServiceMonitor says what is scraped, not annotations")
                    .doesNotContainKeys("prometheus.io/scrape", "prometheus.io/port", "prometheus.io/path");
        }
        assertThat(all(overlay, Service.class).stream()
                        .filter(s -> selector.entrySet().stream()
                                .allMatch(e -> e.getValue()
                                        .equals(s.getMetadata().getLabels().get(e.getKey())))))
                .as("nothing else is scraped")
                .hasSize(SERVICES.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerIsLimitedLockedDownAndPinned(String overlay) {
        for (Deployment deployment : all(overlay, Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot())
                    .as(deployment.getMetadata().getName())
                    .isTrue();
            for (Container container : pod.getContainers()) {
                String name = deployment.getMetadata().getName() + "/" + container.getName();
                assertThat(container.getResources().getLimits())
                        .as(name + " limits")
                        .containsKeys("cpu", "memory");
                assertThat(container.getResources().getRequests())
                        .as(name + " requests")
                        .containsKeys("cpu", "memory");
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
                        .as(name)
                        .isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                        .as(name)
                        .isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop())
                        .as(name)
                        .contains("ALL");
                assertThat(container.getImage())
                        .as(name + " image pinned by tag")
                        .matches(".+:[A-Za-z0-9._-]+$")
                        .doesNotEndWith(":latest");
            }
        }
    }

    /**
     * A pod leaves the Services' endpoints while it is told to stop: the preStop pause covers that, then Quarkus
     * lets requests in flight finish ({@code quarkus.shutdown.timeout}), then the rest of the shutdown needs its
     * margin, all within the grace period, after which the kubelet kills the JVM.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceStopsGracefullyWithinItsGracePeriod(String overlay) throws IOException {
        for (String service : SERVICES) {
            Duration shutdownTimeout = shutdownTimeout(service);
            PodSpec pod = one(overlay, Deployment.class, service)
                    .getSpec()
                    .getTemplate()
                    .getSpec();
            Container container = pod.getContainers().get(0);
            assertThat(container.getLifecycle())
                    .as(service + " has a preStop hook")
                    .isNotNull();
            LifecycleHandler preStop = container.getLifecycle().getPreStop();
            assertThat(preStop).as(service + " has a preStop hook").isNotNull();
            assertThat(preStop.getExec())
                    .as(service + ": the sleep action, which needs no binary in the image")
                    .isNull();
            assertThat(preStop.getSleep())
                    .as(service + " pauses before it stops")
                    .isNotNull();
            long pause = preStop.getSleep().getSeconds();
            assertThat(pause).as(service + " preStop pause").isBetween(1L, 15L);
            assertThat(pod.getTerminationGracePeriodSeconds())
                    .as(service + ": grace period >= preStop pause + quarkus.shutdown.timeout + "
                            + SHUTDOWN_MARGIN.toSeconds() + " s")
                    .isGreaterThanOrEqualTo(
                            pause + shutdownTimeout.plus(SHUTDOWN_MARGIN).toSeconds());
        }
    }

    /** The JVM sizes its heap from the container's memory limit, leaving room for everything else it holds. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyJvmHeapFollowsItsMemoryLimit(String overlay) {
        for (Deployment deployment : all(overlay, Deployment.class)) {
            for (Container container :
                    deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String name = deployment.getMetadata().getName() + "/" + container.getName();
                assertThat(container.getResources().getLimits())
                        .as(name + " memory limit")
                        .containsKey("memory");
                String options = environment(overlay, container).get("JDK_JAVA_OPTIONS");
                assertThat(options).as(name + " JDK_JAVA_OPTIONS").isNotNull();
                Matcher percentage = MAX_RAM_PERCENTAGE.matcher(options);
                assertThat(percentage.find())
                        .as(name + " sets -XX:MaxRAMPercentage")
                        .isTrue();
                assertThat(Double.parseDouble(percentage.group(1)))
                        .as(name + " MaxRAMPercentage")
                        .isLessThanOrEqualTo(75.0);
                assertThat(options)
                        .as(name + ": setting JDK_JAVA_OPTIONS replaces the image's, which exits on OutOfMemoryError")
                        .contains("-XX:+ExitOnOutOfMemoryError");
            }
        }
    }

    /**
     * An autoscaled Deployment has no replicas field (every apply would reset the autoscaler's count: kustomize's
     * replicas list would add one back); every disruption budget lets a drain go one pod at a time, also with one
     * replica; every Deployment spreads its pods over nodes and zones, as a preference.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void replicasDisruptionsAndSpreadLetTheClusterMovePods(String overlay) {
        List<HorizontalPodAutoscaler> autoscalers = all(overlay, HorizontalPodAutoscaler.class);
        assertThat(autoscalers).isNotEmpty();
        for (HorizontalPodAutoscaler hpa : autoscalers) {
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            Deployment target = one(
                    overlay, Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
            assertThat(target.getSpec().getReplicas())
                    .as(target.getMetadata().getName() + " is scaled by its HorizontalPodAutoscaler alone")
                    .isNull();
            assertThat(hpa.getSpec().getMinReplicas()).isPositive();
        }
        assertThat(one(overlay, HorizontalPodAutoscaler.class, "recommendation-service")
                        .getSpec()
                        .getMinReplicas())
                .isEqualTo(overlay.equals("dev") ? 1 : 2);

        List<PodDisruptionBudget> budgets = all(overlay, PodDisruptionBudget.class);
        assertThat(budgets).hasSize(SERVICES.size());
        for (PodDisruptionBudget budget : budgets) {
            assertThat(budget.getSpec().getMaxUnavailable())
                    .as(budget.getMetadata().getName() + " maxUnavailable")
                    .isEqualTo(new IntOrString(1));
            assertThat(budget.getSpec().getMinAvailable())
                    .as(budget.getMetadata().getName() + " minAvailable")
                    .isNull();
            assertThat(all(overlay, Deployment.class))
                    .as(budget.getMetadata().getName() + " covers a Deployment")
                    .anySatisfy(d -> assertThat(budget.getSpec().getSelector())
                            .isEqualTo(d.getSpec().getSelector()));
        }

        for (Deployment deployment : all(overlay, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            List<TopologySpreadConstraint> spread =
                    deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
            assertThat(spread)
                    .as(name + " spreads over nodes and zones")
                    .extracting(TopologySpreadConstraint::getTopologyKey)
                    .contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            for (TopologySpreadConstraint constraint : spread) {
                assertThat(constraint.getMaxSkew()).as(name).isEqualTo(1);
                assertThat(constraint.getWhenUnsatisfiable())
                        .as(name + ": a one-node cluster still schedules")
                        .isEqualTo("ScheduleAnyway");
                assertThat(constraint.getLabelSelector())
                        .as(name + " counts its own pods")
                        .isEqualTo(deployment.getSpec().getSelector());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvironmentVariableIsOneTheServiceReads(String overlay) throws IOException {
        for (String service : SERVICES) {
            Set<String> known = knownEnvironmentVariables(service);
            for (String variable : environment(overlay, service).keySet()) {
                assertThat(known).as(service + " reads " + variable).contains(variable);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void databaseSecretsComeFromTheServicesOwnPostgresCluster(String overlay) {
        Set<String> clusters = new HashSet<>();
        all(overlay, GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("Cluster") && r.getApiVersion().startsWith("postgresql.cnpg.io/"))
                .forEach(r -> clusters.add(r.getMetadata().getName()));
        assertThat(clusters).containsExactlyInAnyOrder("catalog-db", "profile-db", "recommendation-db");
        for (String service : SERVICES) {
            Container container = one(overlay, Deployment.class, service)
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0);
            for (EnvVar variable : container.getEnv()) {
                if (variable.getName().equals("KAFKA_SASL_JAAS_CONFIG")) {
                    continue; // the service's KafkaUser Secret, which StrimziResourcesTest checks
                }
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    assertThat(variable.getValueFrom().getSecretKeyRef().getName())
                            .isEqualTo(service.replace("-service", "-db") + "-app");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void topicsMatchWhatTheServicesDeclare(String overlay) throws IOException {
        Map<String, GenericKubernetesResource> topics = new HashMap<>();
        all(overlay, GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("KafkaTopic"))
                .forEach(r -> topics.put((String) spec(r).get("topicName"), r));
        Set<String> expected = new HashSet<>(List.of(
                Topics.CATALOG_PRODUCTS,
                Topics.PROFILES_SKIN,
                Topics.RECOMMENDATIONS_ISSUED,
                Topics.deadLetterOf(Topics.CATALOG_PRODUCTS),
                Topics.deadLetterOf(Topics.PROFILES_SKIN)));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected);

        int declared = 0;
        for (String service : SERVICES) {
            Properties properties = applicationProperties(service);
            Pattern owned = Pattern.compile("^skincare\\.kafka\\.topics\\.\"([^\"]+)\"\\.partitions$");
            for (String key : properties.stringPropertyNames()) {
                Matcher m = owned.matcher(key);
                if (!m.matches()) {
                    continue; // %test.* lines are the tests' own topics
                }
                String topic = m.group(1);
                declared++;
                GenericKubernetesResource kafkaTopic = topics.get(topic);
                assertThat(kafkaTopic).as(service + " owns " + topic).isNotNull();
                assertThat(((Number) spec(kafkaTopic).get("partitions")).intValue())
                        .as(topic + " partitions")
                        .isEqualTo(Integer.parseInt(properties.getProperty(key)));
                boolean compacted = Boolean.parseBoolean(
                        properties.getProperty("skincare.kafka.topics.\"" + topic + "\".compacted", "false"));
                @SuppressWarnings("unchecked")
                Map<String, Object> config =
                        (Map<String, Object>) spec(kafkaTopic).get("config");
                assertThat(config.get("cleanup.policy")).as(topic).isEqualTo(compacted ? "compact" : "delete");
                if (compacted) {
                    // erasure reaches every reader: a tombstone outlives a long weekend, old values go within a day
                    assertThat(Long.parseLong(String.valueOf(config.get("delete.retention.ms"))))
                            .as(topic + " delete.retention.ms")
                            .isGreaterThanOrEqualTo(Duration.ofDays(7).toMillis());
                    long maxLag = Long.parseLong(String.valueOf(config.get("max.compaction.lag.ms")));
                    assertThat(maxLag)
                            .as(topic + " max.compaction.lag.ms")
                            .isLessThanOrEqualTo(Duration.ofDays(1).toMillis());
                    assertThat(Long.parseLong(String.valueOf(config.get("segment.ms"))))
                            .as(topic + " segment.ms")
                            .isLessThanOrEqualTo(maxLag);
                }
                Pattern extra = Pattern.compile(
                        "^skincare\\.kafka\\.topics\\.\"" + Pattern.quote(topic) + "\"\\.config\\.\"([^\"]+)\"$");
                for (String configKey : properties.stringPropertyNames()) {
                    Matcher c = extra.matcher(configKey);
                    if (c.matches()) {
                        assertThat(String.valueOf(config.get(c.group(1))))
                                .as(topic + " " + c.group(1))
                                .isEqualTo(properties.getProperty(configKey));
                    }
                }
            }
        }
        assertThat(declared).as("every KafkaTopic is owned by a service").isEqualTo(expected.size());
        int replicas = overlay.equals("prod") ? 3 : 1;
        topics.values()
                .forEach(t -> assertThat(((Number) spec(t).get("replicas")).intValue())
                        .isEqualTo(replicas));
        assertThat(environment(overlay, "catalog-service").get("SKINCARE_KAFKA_REPLICATION_FACTOR"))
                .as("services create topics, if ever, as the cluster does")
                .isEqualTo(String.valueOf(replicas));
    }

    /**
     * Every PostgreSQL cluster archives its WAL and takes a base backup every day, to the object store the overlay
     * names, with credentials from a Secret that is not committed: any moment of the retention window can be
     * restored (docs/operations.md, "Backups and point-in-time recovery").
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyDatabaseIsBackedUpForPointInTimeRecovery(String overlay) {
        List<GenericKubernetesResource> clusters = custom(overlay, "postgresql.cnpg.io/", "Cluster");
        List<GenericKubernetesResource> scheduled = custom(overlay, "postgresql.cnpg.io/", "ScheduledBackup");
        assertThat(clusters).hasSize(SERVICES.size());
        Set<String> folders = new HashSet<>();
        for (GenericKubernetesResource cluster : clusters) {
            String name = cluster.getMetadata().getName();
            Map<String, Object> backup = map(spec(cluster).get("backup"));
            assertThat(backup.get("retentionPolicy")).as(name + " retention").isEqualTo("30d");
            Map<String, Object> store = map(backup.get("barmanObjectStore"));
            assertThat((String) store.get("destinationPath"))
                    .as(name + " destinationPath, set by the overlay")
                    .startsWith("s3://")
                    .doesNotContain("BACKUP-BUCKET");
            assertThat((String) store.get("endpointURL"))
                    .as(name + " endpointURL, set by the overlay")
                    .startsWith("https://")
                    .doesNotContain("BACKUP-ENDPOINT");
            assertThat(folders.add(store.get("destinationPath") + "/" + store.getOrDefault("serverName", name)))
                    .as(name + " archives to a folder of its own")
                    .isTrue();
            // the WAL archive is what makes point-in-time recovery possible: CloudNativePG archives every segment
            // wherever barmanObjectStore is set; its wal section says how
            assertThat(map(store.get("wal"))).as(name + " WAL archive").containsKey("compression");
            Map<String, Object> credentials = map(store.get("s3Credentials"));
            assertThat(credentials).as(name).containsKeys("accessKeyId", "secretAccessKey");
            for (Map.Entry<String, Object> credential : credentials.entrySet()) {
                assertThat(map(credential.getValue()))
                        .as(name + " " + credential.getKey() + " is a reference to a Secret's key")
                        .containsOnlyKeys("name", "key")
                        .containsEntry("name", "skincare-backup-s3");
            }

            List<Map<String, Object>> schedules = scheduled.stream()
                    .map(ManifestsTest::spec)
                    .filter(s -> name.equals(map(s.get("cluster")).get("name")))
                    .toList();
            assertThat(schedules).as(name + " has one ScheduledBackup").hasSize(1);
            Map<String, Object> schedule = schedules.get(0);
            assertThat((String) schedule.get("schedule"))
                    .as(name + ": every day (CloudNativePG's schedule begins with seconds)")
                    .matches("^\\d{1,2} \\d{1,2} \\d{1,2} \\* \\* \\*$");
            assertThat(schedule)
                    .as(name)
                    .containsEntry("backupOwnerReference", "self")
                    .containsEntry("method", "barmanObjectStore")
                    .containsEntry("immediate", true);
        }
        assertThat(scheduled).hasSameSizeAs(clusters);
        assertThat(all(overlay, Secret.class))
                .as("the object store's credentials are not committed")
                .noneMatch(s -> s.getMetadata().getName().equals("skincare-backup-s3"));
    }

    @Test
    void noOverlayCommitsSecretValues() {
        // not even dev: the services refuse the repository's development key, so no key is committed for them
        assertThat(all("prod", Secret.class)).isEmpty();
        assertThat(all("dev", Secret.class)).isEmpty();
    }

    /**
     * Who may talk to whom, under the rendered NetworkPolicies and the one Strimzi makes from the Kafka listener's
     * networkPolicyPeers: each service its own database, Kafka, and HTTPS for the identity provider; the callers
     * docs/api.md names each service's HTTP port; Prometheus the management ports; the data stores their own peers,
     * operators and the Kubernetes API. Nothing else, the internet on port 80 included.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theNetworkPoliciesLetEachPodReachWhatItUsesAndNothingElse(String overlay) throws IOException {
        String namespace =
                one(overlay, Deployment.class, "catalog-service").getMetadata().getNamespace();
        List<NetworkPolicy> policies = new ArrayList<>(all(overlay, NetworkPolicy.class));
        policies.add(strimziListenerPolicy(overlay, namespace));
        Reachability network = new Reachability(policies);

        Reachability.Namespace shop = new Reachability.Namespace(namespace, Map.of());
        Map<String, Reachability.Pod> services = new HashMap<>();
        Map<String, Reachability.Pod> databases = new HashMap<>();
        int ip = 10;
        for (String service : SERVICES) {
            Deployment deployment = one(overlay, Deployment.class, service);
            Map<String, Integer> ports = new HashMap<>();
            deployment
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getPorts()
                    .forEach(p -> ports.put(p.getName(), p.getContainerPort()));
            services.put(
                    service,
                    new Reachability.Pod(
                            service,
                            shop,
                            deployment.getSpec().getTemplate().getMetadata().getLabels(),
                            ports,
                            "10.244.0." + ip++));
            String cluster = service.replace("-service", "-db");
            databases.put(
                    cluster,
                    new Reachability.Pod(
                            cluster + "-1",
                            shop,
                            Map.of("cnpg.io/cluster", cluster, "cnpg.io/instanceRole", "primary"),
                            POSTGRES_PORTS,
                            "10.244.0." + ip++));
            databases.put(
                    cluster + "-replica",
                    new Reachability.Pod(
                            cluster + "-2",
                            shop,
                            Map.of("cnpg.io/cluster", cluster, "cnpg.io/instanceRole", "replica"),
                            POSTGRES_PORTS,
                            "10.244.0." + ip++));
        }
        Reachability.Pod broker = new Reachability.Pod(
                "skincare-dual-role-0",
                shop,
                Map.of(
                        "strimzi.io/cluster", "skincare",
                        "strimzi.io/kind", "Kafka",
                        "strimzi.io/name", "skincare-kafka",
                        "strimzi.io/pool-name", "dual-role",
                        "strimzi.io/broker-role", "true",
                        "strimzi.io/controller-role", "true"),
                Map.of("tcp-ctrlplane", 9090, "tcp-replication", 9091, "tcp-tls", 9093),
                "10.244.1.1");
        Reachability.Pod otherBroker =
                new Reachability.Pod("skincare-dual-role-1", shop, broker.labels(), broker.ports(), "10.244.1.2");
        Reachability.Pod entityOperator = new Reachability.Pod(
                "skincare-entity-operator",
                shop,
                Map.of(
                        "strimzi.io/cluster", "skincare",
                        "strimzi.io/kind", "Kafka",
                        "strimzi.io/name", "skincare-entity-operator"),
                Map.of(),
                "10.244.1.3");
        Reachability.Pod stray = new Reachability.Pod("debug", shop, Map.of("run", "debug"), Map.of(), "10.244.1.4");
        Reachability.Pod storefront = outside("storefront", Map.of(), "10.244.2.1");
        Reachability.Pod merchandising = outside("merchandising", Map.of(), "10.244.2.2");
        Reachability.Pod support = outside("support", Map.of(), "10.244.2.3");
        Reachability.Pod marketing = outside("marketing", Map.of(), "10.244.2.4");
        Reachability.Pod prometheus =
                outside("monitoring", Map.of("skincare.example/monitoring", "true"), "10.244.2.5");
        Reachability.Pod unlabelledPrometheus = outside("observability", Map.of(), "10.244.2.6");
        Reachability.Pod cnpgOperator = outside("cnpg-system", Map.of(), "10.244.2.7");
        Reachability.Pod strimziOperator = new Reachability.Pod(
                "strimzi-cluster-operator",
                new Reachability.Namespace("strimzi", Map.of()),
                Map.of("strimzi.io/kind", "cluster-operator"),
                Map.of(),
                "10.244.2.8");
        Reachability.Pod dns = new Reachability.Pod(
                "coredns",
                new Reachability.Namespace("kube-system", Map.of()),
                Map.of("k8s-app", "kube-dns"),
                Map.of("dns", 53),
                "10.244.3.1");
        Reachability.Address internet = new Reachability.Address("the internet", "93.184.216.34");
        Reachability.Address apiServer = new Reachability.Address("the API server's endpoint", "192.168.10.1");

        List<String> wrong = new ArrayList<>();
        BiConsumer<Boolean, Object[]> expect = (allowed, c) -> {
            Reachability.Pod from = (Reachability.Pod) c[0];
            Reachability.Endpoint to = (Reachability.Endpoint) c[1];
            String protocol = c.length > 3 ? (String) c[3] : "TCP";
            int port = (Integer) c[2];
            if (network.allows(from, to, protocol, port) != allowed) {
                wrong.add(from.name() + " -> " + to.name() + " " + protocol + "/" + port + " should be "
                        + (allowed ? "allowed" : "forbidden"));
            }
        };
        for (String service : SERVICES) {
            Reachability.Pod pod = services.get(service);
            int http = pod.ports().get("http");
            int management = pod.ports().get("management");
            String cluster = service.replace("-service", "-db");
            expect.accept(true, new Object[] {pod, databases.get(cluster), 5432});
            expect.accept(true, new Object[] {pod, broker, 9093});
            expect.accept(true, new Object[] {pod, internet, 443}); // the identity provider's JWKS URL
            expect.accept(true, new Object[] {pod, dns, 53, "UDP"});
            expect.accept(true, new Object[] {pod, dns, 53});
            expect.accept(true, new Object[] {storefront, pod, http});
            expect.accept(true, new Object[] {prometheus, pod, management});
            expect.accept(false, new Object[] {prometheus, pod, http});
            expect.accept(false, new Object[] {unlabelledPrometheus, pod, management});
            expect.accept(false, new Object[] {storefront, pod, management});
            expect.accept(false, new Object[] {marketing, pod, http});
            expect.accept(false, new Object[] {stray, pod, http});
            expect.accept(false, new Object[] {pod, broker, 9091}); // replication, Strimzi's own
            expect.accept(false, new Object[] {pod, internet, 80});
            expect.accept(false, new Object[] {pod, apiServer, 6443});
            for (String other : SERVICES) {
                if (!other.equals(service)) {
                    Reachability.Pod otherPod = services.get(other);
                    expect.accept(
                            false, new Object[] {pod, otherPod, otherPod.ports().get("http")});
                    expect.accept(
                            false, new Object[] {pod, otherPod, otherPod.ports().get("management")});
                    expect.accept(false, new Object[] {pod, databases.get(other.replace("-service", "-db")), 5432});
                }
            }
            expect.accept(false, new Object[] {storefront, databases.get(cluster), 5432});
        }
        int catalogHttp = services.get("catalog-service").ports().get("http");
        int profileHttp = services.get("profile-service").ports().get("http");
        int recommendationHttp = services.get("recommendation-service").ports().get("http");
        expect.accept(true, new Object[] {merchandising, services.get("catalog-service"), catalogHttp});
        expect.accept(false, new Object[] {merchandising, services.get("profile-service"), profileHttp});
        expect.accept(false, new Object[] {merchandising, services.get("recommendation-service"), recommendationHttp});
        expect.accept(true, new Object[] {support, services.get("profile-service"), profileHttp});
        expect.accept(true, new Object[] {support, services.get("recommendation-service"), recommendationHttp});
        expect.accept(false, new Object[] {support, services.get("catalog-service"), catalogHttp});
        // the egress half alone already keeps a service off another's database
        if (network.egressAllows(services.get("catalog-service"), databases.get("profile-db"), "TCP", 5432)) {
            wrong.add("catalog-service's egress should not allow profile-db");
        }
        if (network.egressAllows(services.get("profile-service"), databases.get("recommendation-db"), "TCP", 5432)) {
            wrong.add("profile-service's egress should not allow recommendation-db");
        }

        expect.accept(true, new Object[] {marketing, broker, 9093});
        expect.accept(false, new Object[] {storefront, broker, 9093});
        expect.accept(false, new Object[] {stray, broker, 9093});
        expect.accept(true, new Object[] {broker, otherBroker, 9090});
        expect.accept(true, new Object[] {broker, otherBroker, 9091});
        expect.accept(true, new Object[] {entityOperator, broker, 9091});
        expect.accept(true, new Object[] {entityOperator, apiServer, 6443});
        expect.accept(true, new Object[] {entityOperator, apiServer, 443});
        expect.accept(true, new Object[] {strimziOperator, broker, 9091});
        expect.accept(true, new Object[] {broker, dns, 53, "UDP"});
        expect.accept(false, new Object[] {broker, internet, 443});
        expect.accept(false, new Object[] {broker, internet, 80});
        expect.accept(false, new Object[] {broker, apiServer, 6443});

        for (String cluster : List.of("catalog-db", "profile-db", "recommendation-db")) {
            Reachability.Pod primary = databases.get(cluster);
            Reachability.Pod replica = databases.get(cluster + "-replica");
            expect.accept(true, new Object[] {replica, primary, 5432});
            expect.accept(true, new Object[] {primary, replica, 8000});
            expect.accept(true, new Object[] {cnpgOperator, primary, 8000});
            expect.accept(true, new Object[] {cnpgOperator, primary, 5432});
            expect.accept(true, new Object[] {primary, apiServer, 6443});
            expect.accept(true, new Object[] {primary, apiServer, 443});
            expect.accept(true, new Object[] {primary, internet, 443}); // the object store
            expect.accept(true, new Object[] {primary, dns, 53, "UDP"});
            expect.accept(false, new Object[] {primary, internet, 80});
            expect.accept(false, new Object[] {prometheus, primary, 5432});
            expect.accept(false, new Object[] {stray, primary, 5432});
            expect.accept(false, new Object[] {storefront, primary, 8000});
            for (String other : List.of("catalog-db", "profile-db", "recommendation-db")) {
                if (!other.equals(cluster)) {
                    expect.accept(false, new Object[] {databases.get(other + "-replica"), primary, 5432});
                    expect.accept(false, new Object[] {primary, databases.get(other), 8000});
                }
            }
        }
        expect.accept(true, new Object[] {stray, dns, 53, "UDP"});
        expect.accept(false, new Object[] {stray, internet, 443});
        expect.accept(false, new Object[] {stray, internet, 80});
        assertThat(wrong).as(overlay).isEmpty();
        assertThat(all(overlay, NetworkPolicy.class))
                .as("every pod of the namespace is denied by default, in and out")
                .anySatisfy(p -> {
                    assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
                    assertThat(p.getSpec().getPodSelector().getMatchExpressions())
                            .isNullOrEmpty();
                    assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                    assertThat(p.getSpec().getIngress()).isNullOrEmpty();
                    assertThat(p.getSpec().getEgress()).isNullOrEmpty();
                });
    }

    /** The evaluator reads policies as the Kubernetes API defines them. */
    @Test
    void theReachabilityEvaluatorReadsPoliciesAsKubernetesDoes() {
        Reachability.Namespace here = new Reachability.Namespace("here", Map.of());
        Reachability.Namespace there = new Reachability.Namespace("there", Map.of("team", "a"));
        Reachability.Pod server =
                new Reachability.Pod("server", here, Map.of("app", "server"), Map.of("web", 8080), "10.0.0.1");
        Reachability.Pod clientHere =
                new Reachability.Pod("client", here, Map.of("app", "client"), Map.of(), "10.0.0.2");
        Reachability.Pod clientThere =
                new Reachability.Pod("client", there, Map.of("app", "client"), Map.of(), "10.0.0.3");
        Reachability.Pod otherThere =
                new Reachability.Pod("other", there, Map.of("app", "other"), Map.of(), "10.0.0.4");
        String yaml = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: server, namespace: here}
                spec:
                  podSelector: {matchLabels: {app: server}}
                  ingress:
                    - from:
                        - podSelector: {matchLabels: {app: client}}
                      ports: [{port: web}]
                    - from:
                        - namespaceSelector: {matchLabels: {team: a}}
                          podSelector: {matchLabels: {app: other}}
                      ports: [{port: 9000, endPort: 9010}]
                """;
        Reachability network = new Reachability(all(parse(yaml), NetworkPolicy.class));
        // no policyTypes: Ingress only, so egress stays open
        assertThat(network.allows(clientHere, server, "TCP", 8080))
                .as("named port, same namespace")
                .isTrue();
        assertThat(network.allows(clientHere, server, "UDP", 8080))
                .as("TCP by default")
                .isFalse();
        assertThat(network.allows(clientHere, server, "TCP", 9000)).isFalse();
        assertThat(network.allows(clientThere, server, "TCP", 8080))
                .as("a podSelector alone means the policy's namespace")
                .isFalse();
        assertThat(network.allows(otherThere, server, "TCP", 9005))
                .as("both selectors, in range")
                .isTrue();
        assertThat(network.allows(clientThere, server, "TCP", 9005))
                .as("both selectors must match")
                .isFalse();
        assertThat(network.allows(server, clientThere, "TCP", 1))
                .as("nothing selects it for Egress")
                .isTrue();
        assertThat(network.allows(clientHere, clientHere, "TCP", 1))
                .as("not selected: open")
                .isTrue();
    }

    /**
     * The alerts, read from their file as the services' tests read it: every rule an alert on the services' own
     * metrics, with how long, how bad, what it means and where its runbook is.
     */
    @Test
    void everyAlertSaysHowBadItIsAndWhatToDo() throws IOException {
        List<HasMetadata> documents = parse(Files.readString(PROMETHEUS_RULES, StandardCharsets.UTF_8));
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0)).isInstanceOf(GenericKubernetesResource.class);
        GenericKubernetesResource rules = (GenericKubernetesResource) documents.get(0);
        assertThat(rules.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rules.getKind()).isEqualTo("PrometheusRule");
        assertThat(CrdFields.unknown(rules)).isEmpty();

        String operations = Files.readString(ROOT.resolve("docs/operations.md"), StandardCharsets.UTF_8);
        Set<String> headings = new HashSet<>();
        operations
                .lines()
                .filter(line -> line.startsWith("#"))
                .forEach(line -> headings.add(slug(line.replaceFirst("^#+\\s*", ""))));
        Set<String> expressions = new HashSet<>();
        Set<String> alerts = new HashSet<>();
        for (Map<String, Object> group : list(spec(rules).get("groups"))) {
            assertThat(group.get("name")).as("every group is named").isNotNull();
            for (Map<String, Object> rule : list(group.get("rules"))) {
                String alert = (String) rule.get("alert");
                assertThat(alert)
                        .as("every rule is an alert (no recording rule in between)")
                        .isNotBlank();
                assertThat(alerts.add(alert)).as(alert + " once").isTrue();
                assertThat(rule).as(alert).doesNotContainKey("record");
                assertThat((String) rule.get("expr")).as(alert + " expr").isNotBlank();
                expressions.add((String) rule.get("expr"));
                assertThat(String.valueOf(rule.get("for")))
                        .as(alert + " for (a Prometheus duration)")
                        .matches(PROMETHEUS_DURATION);
                assertThat(map(rule.get("labels")).get("severity"))
                        .as(alert + " severity")
                        .isIn("critical", "warning");
                Map<String, String> annotations = map(rule.get("annotations"));
                assertThat(annotations.get("summary")).as(alert + " summary").isNotBlank();
                assertThat(annotations.get("description"))
                        .as(alert + " description")
                        .isNotBlank();
                String runbook = annotations.get("runbook_url");
                assertThat(runbook).as(alert + " runbook").startsWith("docs/operations.md#");
                assertThat(headings)
                        .as(alert + "'s runbook is a section of docs/operations.md")
                        .contains(runbook.substring(runbook.indexOf('#') + 1));
                assertThat(operations)
                        .as("docs/operations.md says what to do for " + alert)
                        .contains(alert);
            }
        }
        for (String metric : ALERTED_METRICS) {
            assertThat(expressions)
                    .as("an alert watches " + metric)
                    .anySatisfy(expr -> assertThat(expr).containsPattern("\\b" + metric + "\\b"));
        }
        for (String overlay : List.of("dev", "prod")) {
            List<GenericKubernetesResource> rendered = custom(overlay, "monitoring.coreos.com/", "PrometheusRule");
            assertThat(rendered).as(overlay).hasSize(1);
            assertThat(spec(rendered.get(0)))
                    .as(overlay + " deploys the rules as written")
                    .isEqualTo(spec(rules));
        }
    }

    /** The custom resources of the monitoring and PostgreSQL operators carry only their CRDs' fields. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyOperatorResourceUsesOnlyItsCrdsFields(String overlay) {
        List<GenericKubernetesResource> checked = all(overlay, GenericKubernetesResource.class).stream()
                .filter(r -> CrdFields.CHECKED_GROUPS.stream()
                        .anyMatch(g -> r.getApiVersion().startsWith(g + "/")))
                .toList();
        assertThat(checked).isNotEmpty();
        for (GenericKubernetesResource resource : checked) {
            assertThat(CrdFields.unknown(resource))
                    .as(resource.getKind() + " " + resource.getMetadata().getName())
                    .isEmpty();
        }
    }

    @Test
    void aMisspeltFieldOfAnOperatorResourceIsFound() {
        GenericKubernetesResource rules = (GenericKubernetesResource) parse("""
                        apiVersion: monitoring.coreos.com/v1
                        kind: PrometheusRule
                        metadata:
                          name: misspelt
                        spec:
                          groups:
                            - name: g
                              rules:
                                - alert: A
                                  expr: up == 0
                                  fro: 5m
                        """).get(0);
        assertThat(CrdFields.unknown(rules)).containsExactly("PrometheusRule misspelt: spec.groups[].rules[].fro");
        GenericKubernetesResource monitor =
                (GenericKubernetesResource) parse("""
                        apiVersion: monitoring.coreos.com/v1
                        kind: ServiceMonitor
                        metadata:
                          name: misspelt
                        spec:
                          selector: {}
                          endpoints:
                            - port: management
                              paht: /q/metrics
                        """).get(0);
        assertThat(CrdFields.unknown(monitor)).containsExactly("ServiceMonitor misspelt: spec.endpoints[].paht");
        GenericKubernetesResource cluster =
                (GenericKubernetesResource) parse("""
                        apiVersion: postgresql.cnpg.io/v1
                        kind: Cluster
                        metadata:
                          name: misspelt
                        spec:
                          instances: 1
                          backup:
                            retentionPolcy: 30d
                            barmanObjectStore:
                              destinationPath: s3://bucket/path
                              wal:
                                compresion: gzip
                        """).get(0);
        assertThat(CrdFields.unknown(cluster))
                .containsExactlyInAnyOrder(
                        "Cluster misspelt: spec.backup.retentionPolcy",
                        "Cluster misspelt: spec.backup.barmanObjectStore.wal.compresion");
        GenericKubernetesResource unknownKind =
                (GenericKubernetesResource) parse("""
                        apiVersion: monitoring.coreos.com/v1
                        kind: PodMonitor
                        metadata:
                          name: unchecked
                        spec: {}
                        """).get(0);
        assertThat(CrdFields.unknown(unknownKind))
                .containsExactly("PodMonitor unchecked: a kind this test does not know");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /**
     * A port the service's application.properties sets ({@code quarkus.http.port}, {@code quarkus.management.port});
     * an environment variable the manifests set for it must agree.
     */
    private static int port(String overlay, String service, String property) throws IOException {
        String configured = applicationProperties(service).getProperty(property);
        assertThat(configured).as(service + " sets " + property).isNotNull();
        String variable = property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
        String fromEnvironment = environment(overlay, service).get(variable);
        if (fromEnvironment != null) {
            assertThat(fromEnvironment).as(service + " " + variable).isEqualTo(configured);
        }
        return Integer.parseInt(configured);
    }

    private static Properties applicationProperties(String service) throws IOException {
        return properties(ROOT.resolve(service + "/src/main/resources/application.properties"));
    }

    /** Every variable the service's container gets (see below). */
    private static Map<String, String> environment(String overlay, String service) {
        return environment(
                overlay,
                one(overlay, Deployment.class, service)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0));
    }

    /** Every variable a container gets, from env and from the ConfigMaps it imports; value null when not literal. */
    private static Map<String, String> environment(String overlay, Container container) {
        Map<String, String> variables = new HashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            ConfigMap map =
                    one(overlay, ConfigMap.class, source.getConfigMapRef().getName());
            variables.putAll(map.getData());
        }
        for (EnvVar variable : container.getEnv()) {
            variables.put(variable.getName(), variable.getValue());
        }
        return variables;
    }

    /**
     * {@code quarkus.shutdown.timeout} as the packaged service reads it: its application.properties (the
     * {@code %prod.} key, else the plain one) over the platform's defaults.
     */
    private static Duration shutdownTimeout(String service) throws IOException {
        for (Properties properties : List.of(applicationProperties(service), properties(PLATFORM_DEFAULTS))) {
            for (String key : List.of("%prod.quarkus.shutdown.timeout", "quarkus.shutdown.timeout")) {
                String value = properties.getProperty(key);
                if (value != null) {
                    return duration(value.trim());
                }
            }
        }
        throw new AssertionError(service + " sets no quarkus.shutdown.timeout (%prod. or plain), neither in its"
                + " application.properties nor in " + ROOT.relativize(PLATFORM_DEFAULTS)
                + ": without it Quarkus stops at once, dropping the requests in flight");
    }

    /** A duration as Quarkus reads one: ISO-8601 ({@code PT20S}), a number of seconds, or {@code 20s}, {@code 1m}. */
    private static Duration duration(String value) {
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        if (value.matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.matches("\\d+d")) {
            return Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        if (value.matches("\\d+[smh]")) {
            return Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
        }
        return Duration.parse(value);
    }

    /**
     * The environment variables a service reads: SmallRye maps {@code a.b-c."d.e"} to {@code A_B_C__D_E__}; every
     * property in its application.properties or the platform's defaults, any variable they reference as
     * {@code ${NAME}}, and the base image's own.
     */
    private static Set<String> knownEnvironmentVariables(String service) throws IOException {
        Set<String> known = new HashSet<>(RUNTIME_IMAGE_VARIABLES);
        for (Path file :
                List.of(ROOT.resolve(service + "/src/main/resources/application.properties"), PLATFORM_DEFAULTS)) {
            Properties properties = properties(file);
            for (String key : properties.stringPropertyNames()) {
                String property = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
                known.add(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
                Matcher reference = ENV_REFERENCE.matcher(properties.getProperty(key));
                while (reference.find()) {
                    known.add(reference.group(1));
                }
            }
        }
        return known;
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    /** The anchor a Markdown heading gets: lower case, spaces to dashes, other punctuation dropped. */
    private static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    /** A pod in a namespace of its own name outside the shop's (a caller, an operator, Prometheus). */
    private static Reachability.Pod outside(String namespace, Map<String, String> namespaceLabels, String ip) {
        return new Reachability.Pod(
                namespace + "-pod", new Reachability.Namespace(namespace, namespaceLabels), Map.of(), Map.of(), ip);
    }

    /**
     * The ingress rule Strimzi's cluster operator writes for each listener of the Kafka resource: its port, from
     * the listener's networkPolicyPeers (from anyone without them), to the Kafka pods. Strimzi's rules for its own
     * components are left out: the manifests' kafka-internal policy lets those in anyway.
     */
    private static NetworkPolicy strimziListenerPolicy(String overlay, String namespace) {
        GenericKubernetesResource kafka =
                custom(overlay, "kafka.strimzi.io/", "Kafka").get(0);
        String cluster = kafka.getMetadata().getName();
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (Map<String, Object> listener : list(map(spec(kafka).get("kafka")).get("listeners"))) {
            List<NetworkPolicyPeer> peers = new ArrayList<>();
            Object configured = listener.get("networkPolicyPeers");
            if (configured != null) {
                for (Map<String, Object> peer : list(configured)) {
                    peers.add(serialization.convertValue(peer, NetworkPolicyPeer.class));
                }
            }
            rules.add(new NetworkPolicyIngressRuleBuilder()
                    .withFrom(peers)
                    .addNewPort()
                    .withProtocol("TCP")
                    .withPort(new IntOrString(((Number) listener.get("port")).intValue()))
                    .endPort()
                    .build());
        }
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(cluster + "-network-policy-kafka")
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .addToMatchLabels("strimzi.io/cluster", cluster)
                .addToMatchLabels("strimzi.io/kind", "Kafka")
                .addToMatchLabels("strimzi.io/name", cluster + "-kafka")
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .withIngress(rules)
                .endSpec()
                .build();
    }

    /** The overlay's resources of a custom kind, by API group (the apiVersion's start) and kind. */
    private static List<GenericKubernetesResource> custom(String overlay, String group, String kind) {
        return all(overlay, GenericKubernetesResource.class).stream()
                .filter(r -> r.getApiVersion().startsWith(group) && r.getKind().equals(kind))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, V>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    private static <T extends HasMetadata> List<T> all(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> List<T> all(String overlay, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (HasMetadata resource : RENDERED.get(overlay)) {
            if (type.isInstance(resource)) {
                found.add(type.cast(resource));
            }
        }
        return found;
    }

    private static <T extends HasMetadata> T one(String overlay, Class<T> type, String name) {
        return all(overlay, type).stream()
                .filter(r -> r.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static List<HasMetadata> parse(String yaml) {
        Object parsed = new KubernetesSerialization().unmarshal(yaml);
        return parsed instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) parsed);
    }
}
