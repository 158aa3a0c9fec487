package com.skincareshop.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Administrative access to a PostgreSQL server that is already running (the developer's own, a test container,
 * embedded PostgreSQL), to create a service's role and database if missing. Idempotent. It starts nothing: the
 * servers it is handed are started by {@link TestPostgres}, {@link EmbeddedPostgresServer} or their owner.
 *
 * <p>{@link #fromEnvironment()} defaults to the {@code postgres} superuser on {@code 127.0.0.1:5432} (trust
 * authentication); {@code SKINCARE_PG_HOST}, {@code _PORT}, {@code _ADMIN_URL}, {@code _ADMIN_USER} and
 * {@code _ADMIN_PASSWORD} point it elsewhere.
 */
public final class LocalPostgres {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** A server that is still starting (a container just created, say) gets this long to accept connections. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String adminUrl;
    private final String adminUser;
    private final String adminPassword;
    private final String host;
    private final int port;

    private LocalPostgres(String host, int port, String adminUrl, String adminUser, String adminPassword) {
        this.host = host;
        this.port = port;
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    public static LocalPostgres fromEnvironment() {
        String host = env("SKINCARE_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("SKINCARE_PG_PORT", "5432"));
        return new LocalPostgres(
                host,
                port,
                env("SKINCARE_PG_ADMIN_URL", "jdbc:postgresql://" + host + ":" + port + "/postgres"),
                env("SKINCARE_PG_ADMIN_USER", "postgres"),
                env("SKINCARE_PG_ADMIN_PASSWORD", ""));
    }

    /** A server at this address, whatever the environment says (a tool's own cluster, say). */
    public static LocalPostgres at(String host, int port, String adminUser, String adminPassword) {
        return new LocalPostgres(
                host, port, "jdbc:postgresql://" + host + ":" + port + "/postgres", adminUser, adminPassword);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Waits until the server accepts connections; fails, saying how to point elsewhere, if it never does. */
    public LocalPostgres ensureRunning() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!canConnect()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("PostgreSQL does not accept connections at " + adminUrl
                        + " (start it, or set SKINCARE_PG_HOST/SKINCARE_PG_PORT or SKINCARE_PG_ADMIN_URL to another"
                        + " server, or QUARKUS_DATASOURCE_JDBC_URL to use your own database)");
            }
            sleep(250);
        }
        return this;
    }

    /** Creates the login role and the database it owns, if missing; sets the role's password either way. */
    public void ensureDatabase(String database, String role, String password) {
        requireIdentifier(database);
        requireIdentifier(role);
        try (Connection admin = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                Statement sql = admin.createStatement()) {
            String quotedPassword = "'" + password.replace("'", "''") + "'";
            if (exists(admin, "select 1 from pg_roles where rolname = ?", role)) {
                sql.execute("alter role " + role + " with login password " + quotedPassword);
            } else {
                sql.execute("create role " + role + " with login password " + quotedPassword);
            }
            if (!exists(admin, "select 1 from pg_database where datname = ?", database)) {
                sql.execute("create database " + database + " owner " + role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot provision database " + database, e);
        }
    }

    /** Drops a database (the local run's reset); its role stays. */
    public void dropDatabase(String database) {
        requireIdentifier(database);
        try (Connection admin = DriverManager.getConnection(adminUrl, adminUser, adminPassword);
                Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database, e);
        }
    }

    private boolean canConnect() {
        try (Connection ignored = DriverManager.getConnection(adminUrl, adminUser, adminPassword)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Nothing to stop: this class no longer starts servers (the machine's cluster used to be started here).
     * Kept so that callers written against the old behaviour compile until they drop the call.
     */
    @Deprecated(forRemoval = true)
    public void stopWhatWasStarted() {
        // starts nothing, so stops nothing
    }

    private static boolean exists(Connection connection, String query, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, value);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain PostgreSQL identifier: " + name);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
