package com.skincareshop.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field names the operators' custom resources may have where the manifests write them, so that a misspelt one
 * fails a test rather than vanish: the tests read these resources without a model of their own
 * ({@code GenericKubernetesResource}), and the API server prunes what a CRD does not define.
 */
final class CrdFields {

    private CrdFields() {}

    /** API groups whose resources {@link #unknown} checks. */
    static final Set<String> CHECKED_GROUPS = Set.of("monitoring.coreos.com", "postgresql.cnpg.io");
    /**
     * For each level of the operators' resources that the manifests write ({@code Kind path}, {@code []} for each
     * item of a list), every field its CRD has (the Prometheus Operator's monitoring.coreos.com/v1, CloudNativePG
     * 1.30's postgresql.cnpg.io/v1). The API server prunes a field the CRD lacks, so a misspelt one would be lost
     * without a word.
     */
    private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry(
                    "ServiceMonitor spec",
                    Set.of(
                            "attachMetadata",
                            "bodySizeLimit",
                            "convertClassicHistogramsToNHCB",
                            "endpoints",
                            "fallbackScrapeProtocol",
                            "jobLabel",
                            "keepDroppedTargets",
                            "labelLimit",
                            "labelNameLengthLimit",
                            "labelValueLengthLimit",
                            "namespaceSelector",
                            "nativeHistogramBucketLimit",
                            "nativeHistogramMinBucketFactor",
                            "podTargetLabels",
                            "sampleLimit",
                            "scrapeClass",
                            "scrapeClassicHistograms",
                            "scrapeNativeHistograms",
                            "scrapeProtocols",
                            "selector",
                            "selectorMechanism",
                            "serviceDiscoveryRole",
                            "targetLabels",
                            "targetLimit")),
            Map.entry(
                    "ServiceMonitor spec.endpoints[]",
                    Set.of(
                            "authorization",
                            "basicAuth",
                            "bearerTokenFile",
                            "bearerTokenSecret",
                            "enableHttp2",
                            "filterRunning",
                            "followRedirects",
                            "honorLabels",
                            "honorTimestamps",
                            "interval",
                            "metricRelabelings",
                            "noProxy",
                            "oauth2",
                            "params",
                            "path",
                            "port",
                            "proxyConnectHeader",
                            "proxyFromEnvironment",
                            "proxyUrl",
                            "relabelings",
                            "scheme",
                            "scrapeTimeout",
                            "targetPort",
                            "tlsConfig",
                            "trackTimestampsStaleness")),
            Map.entry("ServiceMonitor spec.selector", Set.of("matchLabels", "matchExpressions")),
            Map.entry("PrometheusRule spec", Set.of("groups")),
            Map.entry(
                    "PrometheusRule spec.groups[]",
                    Set.of(
                            "interval",
                            "labels",
                            "limit",
                            "name",
                            "partial_response_strategy",
                            "query_offset",
                            "rules")),
            Map.entry(
                    "PrometheusRule spec.groups[].rules[]",
                    Set.of("alert", "annotations", "expr", "for", "keep_firing_for", "labels", "record")),
            Map.entry(
                    "Cluster spec",
                    Set.of(
                            "affinity",
                            "backup",
                            "bootstrap",
                            "certificates",
                            "description",
                            "enablePDB",
                            "enableSuperuserAccess",
                            "env",
                            "envFrom",
                            "ephemeralVolumeSource",
                            "ephemeralVolumesSizeLimit",
                            "externalClusters",
                            "failoverDelay",
                            "imageCatalogRef",
                            "imageName",
                            "imagePullPolicy",
                            "imagePullSecrets",
                            "inheritedMetadata",
                            "instances",
                            "livenessProbeTimeout",
                            "logLevel",
                            "managed",
                            "maxSyncReplicas",
                            "minSyncReplicas",
                            "monitoring",
                            "nodeMaintenanceWindow",
                            "plugins",
                            "podSecurityContext",
                            "podSelectorRefs",
                            "postgresGID",
                            "postgresUID",
                            "postgresql",
                            "primaryLease",
                            "primaryUpdateMethod",
                            "primaryUpdateStrategy",
                            "priorityClassName",
                            "probes",
                            "projectedVolumeTemplate",
                            "replica",
                            "replicationSlots",
                            "resources",
                            "schedulerName",
                            "seccompProfile",
                            "securityContext",
                            "serviceAccountName",
                            "serviceAccountTemplate",
                            "smartShutdownTimeout",
                            "startDelay",
                            "stopDelay",
                            "storage",
                            "superuserSecret",
                            "switchoverDelay",
                            "tablespaces",
                            "topologySpreadConstraints",
                            "walStorage")),
            Map.entry(
                    "Cluster spec.backup", Set.of("barmanObjectStore", "retentionPolicy", "target", "volumeSnapshot")),
            Map.entry(
                    "Cluster spec.backup.barmanObjectStore",
                    Set.of(
                            "azureCredentials",
                            "data",
                            "destinationPath",
                            "endpointCA",
                            "endpointURL",
                            "googleCredentials",
                            "historyTags",
                            "s3Credentials",
                            "serverName",
                            "tags",
                            "wal")),
            Map.entry(
                    "Cluster spec.backup.barmanObjectStore.s3Credentials",
                    Set.of("accessKeyId", "inheritFromIAMRole", "region", "secretAccessKey", "sessionToken")),
            Map.entry("Cluster spec.backup.barmanObjectStore.s3Credentials.accessKeyId", Set.of("name", "key")),
            Map.entry("Cluster spec.backup.barmanObjectStore.s3Credentials.secretAccessKey", Set.of("name", "key")),
            Map.entry(
                    "Cluster spec.backup.barmanObjectStore.wal",
                    Set.of(
                            "archiveAdditionalCommandArgs",
                            "compression",
                            "encryption",
                            "maxParallel",
                            "restoreAdditionalCommandArgs")),
            Map.entry(
                    "Cluster spec.backup.barmanObjectStore.data",
                    Set.of(
                            "additionalCommandArgs",
                            "compression",
                            "encryption",
                            "immediateCheckpoint",
                            "jobs",
                            "restoreAdditionalCommandArgs")),
            Map.entry("Cluster spec.bootstrap", Set.of("initdb", "pg_basebackup", "recovery")),
            Map.entry(
                    "Cluster spec.bootstrap.initdb",
                    Set.of(
                            "builtinLocale",
                            "dataChecksums",
                            "database",
                            "encoding",
                            "icuLocale",
                            "icuRules",
                            "import",
                            "locale",
                            "localeCType",
                            "localeCollate",
                            "localeProvider",
                            "options",
                            "owner",
                            "postInitApplicationSQL",
                            "postInitApplicationSQLRefs",
                            "postInitSQL",
                            "postInitSQLRefs",
                            "postInitTemplateSQL",
                            "postInitTemplateSQLRefs",
                            "secret",
                            "walSegmentSize")),
            Map.entry("Cluster spec.storage", Set.of("pvcTemplate", "resizeInUseVolumes", "size", "storageClass")),
            Map.entry(
                    "ScheduledBackup spec",
                    Set.of(
                            "backupOwnerReference",
                            "cluster",
                            "immediate",
                            "method",
                            "online",
                            "onlineConfiguration",
                            "pluginConfiguration",
                            "schedule",
                            "suspend",
                            "target")),
            Map.entry("ScheduledBackup spec.cluster", Set.of("name")));

    /**
     * The fields of a custom resource that its CRD does not have, at the levels {@link #FIELDS} lists
     * ({@code Kind name: path.field}); a kind it does not list at all is one finding.
     */
    static List<String> unknown(GenericKubernetesResource resource) {
        String name = resource.getKind() + " " + resource.getMetadata().getName();
        List<Map.Entry<String, Set<String>>> levels = FIELDS.entrySet().stream()
                .filter(e -> e.getKey().startsWith(resource.getKind() + " "))
                .toList();
        if (levels.isEmpty()) {
            return List.of(name + ": a kind this test does not know");
        }
        List<String> unknown = new ArrayList<>();
        for (String field : resource.getAdditionalProperties().keySet()) {
            if (!field.equals("spec")) {
                unknown.add(name + ": " + field);
            }
        }
        for (Map.Entry<String, Set<String>> level : levels) {
            String path = level.getKey().substring(level.getKey().indexOf(' ') + 1);
            List<Object> nodes = List.of(resource.getAdditionalProperties());
            for (String step : path.split("\\.")) {
                boolean each = step.endsWith("[]");
                String key = each ? step.substring(0, step.length() - 2) : step;
                List<Object> next = new ArrayList<>();
                for (Object node : nodes) {
                    Object child = node instanceof Map<?, ?> fields ? fields.get(key) : null;
                    if (each && child instanceof List<?> items) {
                        next.addAll(items);
                    } else if (!each && child != null) {
                        next.add(child);
                    }
                }
                nodes = next;
            }
            for (Object node : nodes) {
                if (node instanceof Map<?, ?> fields) {
                    for (Object field : fields.keySet()) {
                        if (!level.getValue().contains(String.valueOf(field))) {
                            unknown.add(name + ": " + path + "." + field);
                        }
                    }
                }
            }
        }
        return unknown;
    }
}
