package com.skincareshop.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skincareshop.platform.testing.LocalPostgres;
import com.skincareshop.platform.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit table is a platform migration numbered 0.2 (platform migrations sort before a service's own in a fresh
 * database): it must still reach a service's database that is already past it, at the service's own latest version,
 * which Flyway does only out of order, as the platform defaults configure it.
 */
class PlatformMigrationsTest {

    private static final String DATABASE = "platform_migrations_test";

    @Test
    void theAuditTableReachesADatabaseAlreadyPastThePlatformsVersions(@TempDir Path dir) throws Exception {
        LocalPostgres postgres = TestPostgres.server();
        postgres.dropDatabase(DATABASE);
        postgres.ensureDatabase(DATABASE, DATABASE, DATABASE);
        // a service's database as it was before: the platform's outbox (0.1) and the service's own, up to 5
        Path platformBefore = Files.createDirectories(dir.resolve("platform-before"));
        Path service = Files.createDirectories(dir.resolve("service"));
        try (InputStream outbox = resource("db/platform/V0_1__outbox.sql")) {
            Files.copy(outbox, platformBefore.resolve("V0_1__outbox.sql"));
        }
        Files.writeString(service.resolve("V5__service_table.sql"), "create table service_table (id int);\n");
        flyway(postgres, false, "filesystem:" + platformBefore, "filesystem:" + service)
                .migrate();

        // the platform now brings 0.2: Flyway refuses it in order...
        assertThatThrownBy(() -> flyway(postgres, false, "classpath:db/platform", "filesystem:" + service)
                        .migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("0.2");
        // ... and applies it out of order, as the services are configured to
        assertThat(outOfOrderConfigured()).isTrue();
        assertThat(flyway(postgres, true, "classpath:db/platform", "filesystem:" + service)
                        .migrate()
                        .migrationsExecuted)
                .isEqualTo(1);
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), DATABASE, DATABASE);
                ResultSet count = db.createStatement().executeQuery("select count(*) from access_audit")) {
            assertThat(count.next()).isTrue();
            assertThat(count.getLong(1)).isZero();
        } catch (SQLException e) {
            throw new AssertionError("access_audit is missing", e);
        }
    }

    private static Flyway flyway(LocalPostgres postgres, boolean outOfOrder, String... locations) {
        return Flyway.configure()
                .dataSource(postgres.jdbcUrl(DATABASE), DATABASE, DATABASE)
                .locations(locations)
                .outOfOrder(outOfOrder)
                .load();
    }

    private static boolean outOfOrderConfigured() throws IOException {
        Properties defaults = new Properties();
        // the platform defaults of this module (the build runs tests in the module's folder)
        try (InputStream in =
                Files.newInputStream(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            defaults.load(in);
        }
        return Boolean.parseBoolean(defaults.getProperty("quarkus.flyway.out-of-order"));
    }

    private static InputStream resource(String name) {
        InputStream in = PlatformMigrationsTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
