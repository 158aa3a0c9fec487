package com.skincareshop.benchmarks.faults;

import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster of the tool's own (initdb in a temporary directory, a free port, trust
 * authentication on 127.0.0.1), which it may crash and start again without disturbing the machine's server and
 * whoever else uses it. Removed by {@link #close()}, also from a shutdown hook when the tool fails or is
 * interrupted; its server log is kept in the tool's log directory.
 *
 * <p>Uses the binaries of the installed PostgreSQL ({@code pg_config --bindir}, else the newest
 * {@code /usr/lib/postgresql/<version>/bin}). initdb refuses to run as root: as root, every command runs as the
 * {@code postgres} user, who owns the directory.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final Path log;
    private final Path commandLog;
    private final Path keptLog;
    private final int port;
    private final boolean asPostgresUser;
    private final Thread cleanup = new Thread(this::close, "private-postgres-cleanup");
    private boolean running;
    private boolean closed;

    private PrivatePostgres(Path bin, Path directory, Path logs, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.log = directory.resolve("postgres.log");
        this.commandLog = logs.resolve("postgres-commands.log");
        this.keptLog = logs.resolve("postgres.log");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** initdb and start; the server log ends up in {@code logs/postgres.log}. */
    public static PrivatePostgres start(Path logs) throws IOException, InterruptedException {
        Files.createDirectories(logs);
        Files.deleteIfExists(logs.resolve("postgres-commands.log"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("skincare-pg-");
        if (root) {
            UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(directory, users.lookupPrincipalByName("postgres"));
            GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
            Files.getFileAttributeView(directory, PosixFileAttributeView.class).setGroup(group);
        }
        PrivatePostgres postgres = new PrivatePostgres(binaries(), directory, logs, KafkaBroker.freePort(), root);
        Runtime.getRuntime().addShutdownHook(postgres.cleanup);
        try {
            postgres.run(
                    List.of(
                            postgres.bin.resolve("initdb").toString(),
                            "-D",
                            postgres.data.toString(),
                            "-U",
                            "postgres",
                            "--auth=trust",
                            "--encoding=UTF8",
                            "--locale=C.UTF-8"),
                    120);
            postgres.startServer();
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /** Administrative access for provisioning the databases (superuser {@code postgres}, trust). */
    public LocalPostgres admin() {
        return LocalPostgres.at("127.0.0.1", port, "postgres", "");
    }

    public int port() {
        return port;
    }

    /** Starts the server (again, on the same port and data) and waits until it accepts connections. */
    public synchronized void startServer() throws IOException, InterruptedException {
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        log.toString(),
                        "-w",
                        "-t",
                        "120",
                        "-o",
                        "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1",
                        "start"),
                150);
        running = true;
    }

    /**
     * {@code pg_ctl -m immediate stop}: every server process quits at once, without a checkpoint, as in a crash
     * or a failover; the next start recovers from the WAL.
     */
    public synchronized void stopImmediately() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), 60);
        running = false;
    }

    /** Stops the server if it runs, keeps its log and removes the cluster. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (running) {
                stopImmediately();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the private PostgreSQL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (Files.exists(log)) {
                Files.copy(log, keptLog, StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            System.err.println("could not remove the private PostgreSQL at " + directory + ": " + e.getMessage());
        }
        if (Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        // output to a file, not a pipe: the server started by pg_ctl must not hold a pipe of ours
        Process process = new ProcessBuilder(full)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(commandLog.toFile()))
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " did not finish in " + timeoutSeconds + " s; see " + commandLog);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                    + "); see " + commandLog + " and " + log);
        }
    }

    private static Path binaries() throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            if (process.waitFor(30, TimeUnit.SECONDS)
                    && process.exitValue() == 0
                    && Files.isExecutable(Path.of(output, "initdb"))) {
                return Path.of(output);
            }
        } catch (IOException e) {
            // no pg_config: look for Debian's layout
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingDouble(
                                v -> Double.parseDouble(v.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            }
        }
        throw new IllegalStateException(
                "no PostgreSQL binaries (initdb, pg_ctl): neither pg_config --bindir nor " + debian + "/<version>/bin");
    }
}
