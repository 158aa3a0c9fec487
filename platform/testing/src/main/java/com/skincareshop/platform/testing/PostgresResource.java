package com.skincareshop.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at its own database on this JVM's test server ({@link TestPostgres}: a container,
 * or embedded PostgreSQL where no engine is reachable), provisioned if need be.
 * Init argument {@code service}: the database is {@code <service>_test}, owned by role {@code <service>}.
 * With {@code QUARKUS_DATASOURCE_JDBC_URL} set, the tests use that database instead and nothing is provisioned.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", "app");
    }

    @Override
    public Map<String, String> start() {
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return Map.of();
        }
        String database = service + "_test";
        LocalPostgres postgres = TestPostgres.server();
        postgres.ensureDatabase(database, service, service);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", service,
                "quarkus.datasource.password", service);
    }

    @Override
    public void stop() {
        // the database stays, on a server that lives as long as the JVM: Flyway cleans it at the next start
    }
}
