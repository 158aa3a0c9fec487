package com.skincareshop.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The machine's PostgreSQL, made usable whatever state it is in: a stopped Debian cluster is started
 * ({@code pg_ctlcluster}), and a service's role and database are created if missing. Idempotent.
 *
 * <p>Administrative access defaults to the local {@code postgres} superuser over loopback (trust
 * authentication, as on Debian's development machines); {@code SKINCARE_PG_ADMIN_URL}, {@code _USER} and
 * {@code _PASSWORD} point it elsewhere.
 */
public final class LocalPostgres {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String adminUrl;
    private final String adminUser;
    private final String adminPassword;
    private final String host;
    private final int port;
    /** Debian clusters ({version, name}) this instance started, so that the local run can stop them again. */
    private final java.util.List<String[]> startedClusters = new java.util.ArrayList<>();

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
        return new LocalPostgres(host, port, env("SKINCARE_PG_ADMIN_URL", "jdbc:postgresql://" + host + ":" + port + "/postgres"),
                env("SKINCARE_PG_ADMIN_USER", "postgres"),
                env("SKINCARE_PG_ADMIN_PASSWORD", ""));
    }

    /** A server at this address, whatever the environment says (a tool's own cluster, say). */
    public static LocalPostgres at(String host, int port, String adminUser, String adminPassword) {
        return new LocalPostgres(host, port, "jdbc:postgresql://" + host + ":" + port + "/postgres", adminUser,
                adminPassword);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Starts the server if it is down and waits until it accepts connections. */
    public LocalPostgres ensureRunning() {
        if (canConnect()) {
            return this;
        }
        startDebianClusters();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!canConnect()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("PostgreSQL does not accept connections at " + adminUrl
                        + " (set SKINCARE_PG_ADMIN_URL, or QUARKUS_DATASOURCE_JDBC_URL to use your own database)");
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

    /** Stops the clusters {@link #ensureRunning()} started, and no other: Ctrl-C undoes what the run did. */
    public void stopWhatWasStarted() {
        for (String[] cluster : startedClusters) {
            runAndRead(List.of("pg_ctlcluster", "--skip-systemctl-redirect", cluster[0], cluster[1], "stop"));
        }
        startedClusters.clear();
    }

    /** Debian's postgresql-common: start every cluster that {@code pg_lsclusters} reports down. */
    private void startDebianClusters() {
        if (!Files.isExecutable(Path.of("/usr/bin/pg_lsclusters"))) {
            return;
        }
        String clusters = runAndRead(List.of("pg_lsclusters", "--no-header"));
        for (String line : clusters.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].startsWith("down")) {
                runAndRead(List.of("pg_ctlcluster", "--skip-systemctl-redirect", columns[0], columns[1], "start"));
                startedClusters.add(new String[]{columns[0], columns[1]});
            }
        }
    }

    private static String runAndRead(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
