package com.skincareshop.platform.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL 15 from a jar (zonky's binaries, unpacked to the temporary directory on first use): no server to
 * install, only a JDK. The tests' fallback where no container engine is reachable, and the local run's default.
 *
 * <p>As root, zonky runs initdb and the server in a user namespace ({@code unshare -U}), since PostgreSQL refuses
 * to run as root. The superuser is {@code postgres} with trust authentication on loopback: for tests and a
 * developer's machine only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away server on a free port; its data is deleted when it stops (and at JVM exit at the latest). */
    public static EmbeddedPostgresServer temporary() {
        try {
            // throw-away data: durability buys nothing, and fsync costs seconds over a test suite
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * A server whose data survives it (the local run): initialized in {@code dataDirectory} the first time, reused
     * afterwards. Its log goes to {@code log}. The caller stops it ({@link #close()}), at JVM exit too.
     */
    public static EmbeddedPostgresServer persistent(Path dataDirectory, int port, Path log) {
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // its owner stops it, after the services that use it (a hook of its own could stop it first)
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start embedded PostgreSQL in " + dataDirectory + " (see " + log + ")", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Administrative access, to provision roles and databases. */
    public LocalPostgres admin() {
        return LocalPostgres.at("127.0.0.1", port(), "postgres", "");
    }

    /** Stops the server (fast shutdown); a temporary server's data goes with it. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
