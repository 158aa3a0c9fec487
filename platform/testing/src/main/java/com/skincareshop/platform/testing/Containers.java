package com.skincareshop.platform.testing;

import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Whether the tests get PostgreSQL and Kafka as containers (Testcontainers, through any Docker-compatible engine:
 * Docker, or podman's socket as {@code deploy/containers/setup.sh} starts it) or fall back to embedded PostgreSQL
 * and a broker in its own JVM. Decided once per JVM.
 *
 * <p>Settings (system property, else environment variable):
 * <ul>
 *   <li>{@code skincare.containers} / {@code SKINCARE_CONTAINERS}: {@code off} never uses an engine, even a
 *       reachable one; anything else (or unset) uses one whenever {@link DockerClientFactory} reaches it.</li>
 *   <li>{@code skincare.postgres.image} / {@code SKINCARE_POSTGRES_IMAGE}: default {@code postgres:15}.</li>
 *   <li>{@code skincare.kafka.image} / {@code SKINCARE_KAFKA_IMAGE}: default {@code apache/kafka:4.1.2}.</li>
 * </ul>
 * Another image stands in for the official one (the locally built {@code localhost/skincare-postgres:local},
 * say): Testcontainers is told it is compatible, so it must behave like it (same entrypoint variables).
 */
public final class Containers {

    /** Every container the tests start carries it, with the starting JVM's pid, so leftovers can be found. */
    public static final String LABEL = "com.skincareshop.tests.pid";

    private static final String BANNER = """

            ********************************************************************************************
            *** no container engine reachable: tests run on embedded PostgreSQL and a broker JVM
            *** (%s; deploy/containers/setup.sh sets up podman and prints DOCKER_HOST)
            ********************************************************************************************
            """;

    private static volatile Boolean available;

    private Containers() {}

    /** True when containers are used; otherwise says so, loudly, once per JVM. */
    public static boolean available() {
        Boolean known = available;
        if (known != null) {
            return known;
        }
        synchronized (Containers.class) {
            if (available == null) {
                String reason;
                if ("off".equalsIgnoreCase(setting("skincare.containers", "SKINCARE_CONTAINERS", ""))) {
                    available = false;
                    reason = "SKINCARE_CONTAINERS=off";
                } else {
                    available = reachable();
                    reason = "DOCKER_HOST=" + System.getenv().getOrDefault("DOCKER_HOST", "(unset)");
                }
                if (!available) {
                    System.err.printf(BANNER, reason);
                    System.err.flush();
                }
            }
            return available;
        }
    }

    public static DockerImageName postgresImage() {
        return image(setting("skincare.postgres.image", "SKINCARE_POSTGRES_IMAGE", "postgres:15"), "postgres");
    }

    public static DockerImageName kafkaImage() {
        return image(setting("skincare.kafka.image", "SKINCARE_KAFKA_IMAGE", "apache/kafka:4.1.2"), "apache/kafka");
    }

    static Map<String, String> labels() {
        return Map.of(LABEL, String.valueOf(ProcessHandle.current().pid()));
    }

    private static DockerImageName image(String name, String official) {
        DockerImageName image = DockerImageName.parse(name);
        return image.isCompatibleWith(DockerImageName.parse(official))
                ? image
                : image.asCompatibleSubstituteFor(official);
    }

    private static boolean reachable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
