package com.skincareshop.local;

import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.EmbeddedPostgresServer;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.KafkaCredentials;
import com.skincareshop.platform.testing.LocalPostgres;
import com.skincareshop.platform.testing.TokenIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Runs the flow on this machine: PostgreSQL (embedded, data in {@code .local/postgres}; or the developer's own
 * server with {@code SKINCARE_PG_HOST}/{@code SKINCARE_PG_ADMIN_URL} set), a Kafka broker with authentication and
 * the ACLs of production, every service as its packaged jar and its own Kafka principal, and the demo catalogue.
 * Data and the broker's passwords (generated on the first run) stay in {@code .local/} between runs. Ctrl-C stops
 * what it started.
 *
 * <p>The services run the prod profile, which refuses the development key: the run stands for the identity provider
 * with a key pair of its own, generated once in {@code .local/jwt/} and served at a JWKS URL while it runs, and
 * prints tokens signed with it.
 */
public final class LocalRun {

    /** The ports and databases the README names. */
    static final List<Stack.Service> SERVICES = List.of(
            new Stack.Service("catalog-service", 8081, 9081, "catalog", "catalog"),
            new Stack.Service("profile-service", 8082, 9082, "profile", "profile"),
            new Stack.Service("recommendation-service", 8083, 9083, "recommendation", "recommendation"));

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    /** The broker's connections to itself. */
    static final int KAFKA_BROKER_PORT = 9094;
    /** Embedded PostgreSQL's port: fixed, for psql, and off 5432 where a machine's own server usually listens. */
    static final int EMBEDDED_POSTGRES_PORT = 15432;
    /** The issuer of the local run's tokens. */
    static final String ISSUER = "https://auth.skincareshop.example/local";

    private final Path root;
    private final Path data;
    private KafkaBroker broker;
    private EmbeddedPostgresServer embedded;
    private Stack stack;
    private TokenIssuer tokens;
    private volatile boolean stopping;

    private LocalRun(Path root) {
        this.root = root;
        this.data = root.resolve(".local");
    }

    /** Arguments: the repository root, then optionally {@code --reset}. run.sh holds the lock against a second run. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        LocalRun run = new LocalRun(root);
        if (args.length > 1 && args[1].equals("--reset")) {
            run.reset();
        } else {
            run.run();
        }
    }

    private void run() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-run-shutdown"));
        step("Kafka: broker on 127.0.0.1:" + KAFKA_PORT + ", data in " + data.resolve("kafka")
                + ", passwords in .local/kafka-credentials.properties");
        KafkaCredentials credentials = KafkaCredentials.loadOrGenerate(data.resolve("kafka-credentials.properties"));
        broker = KafkaBroker.persistent(
                        data.resolve("kafka"), KAFKA_PORT, KAFKA_BROKER_PORT, KAFKA_CONTROLLER_PORT, credentials)
                .start();
        writeClientProperties();
        tokens = TokenIssuer.persistent(data.resolve("jwt"), ISSUER);
        step("Tokens: signed with the run's own key (.local/jwt/), key id " + tokens.keyId());
        stack = new Stack(root, data.resolve("logs"), broker, SERVICES, postgres())
                .withTokens(tokens)
                .provisionDatabases(false);
        for (Stack.Service service : SERVICES) {
            step(service.name() + ": " + service.url() + " (log: .local/logs/" + service.name() + ".log)");
        }
        stack.start().awaitReady(Duration.ofSeconds(120));
        importDemoCatalogue();
        printWelcome();
        while (true) {
            Optional<String> exited = stack.exitedService();
            if (exited.isPresent() && !stopping) { // while stopping, services exit because they were told to
                System.err.println(exited.get() + " exited; see " + data.resolve("logs") + ". Stopping.");
                System.exit(1);
            }
            Thread.sleep(1000);
        }
    }

    /** The developer's own server if they named one, else embedded PostgreSQL with its data in .local/postgres. */
    private LocalPostgres postgres() {
        if (ownServer()) {
            LocalPostgres own = LocalPostgres.fromEnvironment();
            step("PostgreSQL: your server (SKINCARE_PG_*), creating databases if missing");
            return own.ensureRunning();
        }
        step("PostgreSQL: embedded, on 127.0.0.1:" + EMBEDDED_POSTGRES_PORT + ", data in " + data.resolve("postgres"));
        try {
            embedded = EmbeddedPostgresServer.persistent(
                    data.resolve("postgres"), EMBEDDED_POSTGRES_PORT, data.resolve("logs/postgres.log"));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "embedded PostgreSQL did not start (is port " + EMBEDDED_POSTGRES_PORT
                            + " taken, by a server of an earlier run that was killed?); see .local/logs/postgres.log",
                    e);
        }
        return embedded.admin();
    }

    private static boolean ownServer() {
        return System.getenv("SKINCARE_PG_HOST") != null || System.getenv("SKINCARE_PG_ADMIN_URL") != null;
    }

    /** Forgets everything the local run stored: the broker's and embedded PostgreSQL's data, or the databases on your server. */
    private void reset() throws IOException {
        if (ownServer()) {
            LocalPostgres postgres = LocalPostgres.fromEnvironment().ensureRunning();
            for (Stack.Service service : SERVICES) {
                postgres.dropDatabase(service.database());
                step("dropped database " + service.database());
            }
        }
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder())
                        .filter(p -> !p.equals(data.resolve("run.lock")) && !p.equals(data))
                        .forEach(p -> p.toFile().delete());
            }
            step("deleted the contents of " + data);
        }
    }

    /**
     * Client settings for Kafka's own tools ({@code --consumer.config}, {@code --command-config}): the marketing
     * principal's, which may read the issued routines in a group of its own, and the admin's.
     */
    private void writeClientProperties() throws IOException {
        Map<String, Object> marketing = new LinkedHashMap<>(broker.clientConfig(KafkaAccess.MARKETING));
        marketing.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.MARKETING_GROUP_PREFIX + "-local");
        writeSecret(data.resolve("kafka-marketing.properties"), marketing);
        writeSecret(data.resolve("kafka-admin.properties"), broker.adminClientConfig());
    }

    /** Key=value lines, readable by their owner only: they hold a password. */
    private static void writeSecret(Path file, Map<String, Object> settings) throws IOException {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(settings)
                .forEach((name, value) ->
                        text.append(name).append('=').append(value).append('\n'));
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    private void importDemoCatalogue() throws Exception {
        Path catalogue = root.resolve("catalog-service/src/main/resources/demo/catalog.ndjson");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(SERVICES.get(0).url() + "/api/products/import"))
                                .header("Authorization", "Bearer " + tokens.merchandiser())
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofFile(catalogue))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("demo catalogue import failed: " + response.body());
        }
        String summary = response.body().replaceAll(",\"lines\".*", "}");
        step("Demo catalogue imported: " + summary);
    }

    private void printWelcome() {
        Duration week = Duration.ofDays(7);
        String merchandiser = tokens.issue("merch-1", Set.of("merchandiser"), week);
        String storefront = tokens.issue(TokenIssuer.STOREFRONT, Set.of("storefront"), week);
        String storefrontForCustomer = tokens.delegated("c-42", TokenIssuer.STOREFRONT, week);
        String customer = tokens.issue("c-42", Set.of("customer"), week);
        String support = tokens.issue("support-1", Set.of("support"), week);
        System.out.println("""

                Running. Ctrl-C stops everything this command started.

                  catalog-service  http://localhost:8081/api/products        (management http://localhost:9081/q)
                  profile-service  http://localhost:8082/api/questionnaire   (management http://localhost:9082/q)
                  recommendation   http://localhost:8083/api/recommendations (management http://localhost:9083/q)
                                   on each management port: /q/openapi, /q/health, /q/metrics
                  Kafka            %s   (topics catalog.products.v1, profiles.skin.v1, recommendations.issued.v1)
                                   SCRAM-SHA-512, one principal per service; client settings in .local/:
                                   kafka-marketing.properties (marketing: reads the issued routines),
                                   kafka-admin.properties (the admin)
                  data             %s

                Tokens (valid 7 days; signed with this run's key in .local/jwt/), also in .local/tokens.env:
                  export MERCHANDISER=%s
                  export STOREFRONT=%s   # the storefront's own token: the preview
                  export STOREFRONT_C42=%s   # the storefront acting for c-42 (act: storefront)
                  export CUSTOMER=%s   # sub c-42
                  export SUPPORT=%s   # every read and erasure is audited

                Try:
                  curl -s 'http://localhost:8082/api/questionnaire?locale=tl'
                  curl -s -X PUT http://localhost:8082/api/profiles/c-42 -H "Authorization: Bearer $CUSTOMER" \\
                       -H 'Content-Type: application/json' -d @deploy/local/examples/profile.json
                  curl -s http://localhost:8083/api/recommendations/c-42 -H "Authorization: Bearer $CUSTOMER"
                  curl -s http://localhost:8083/api/v2/recommendations/c-42 -H "Authorization: Bearer $STOREFRONT_C42"

                What marketing receives (Kafka's console consumer, as the marketing principal):
                  kafka-console-consumer.sh --bootstrap-server %1$s --topic recommendations.issued.v1 \\
                       --consumer.config .local/kafka-marketing.properties --from-beginning
                """.formatted(
                broker.bootstrapServers(), data, merchandiser, storefront, storefrontForCustomer, customer, support));
        try {
            Files.writeString(
                    data.resolve("tokens.env"),
                    "export MERCHANDISER=" + merchandiser
                            + "\nexport STOREFRONT=" + storefront + "\nexport STOREFRONT_C42=" + storefrontForCustomer
                            + "\nexport CUSTOMER=" + customer + "\nexport SUPPORT=" + support + "\n");
        } catch (IOException e) {
            // the tokens were printed; the file is a convenience
        }
    }

    private synchronized void stopAll() {
        stopping = true;
        if (stack == null && broker == null && embedded == null) {
            return;
        }
        System.out.println("\nStopping...");
        if (stack != null) {
            stack.close();
        }
        if (broker != null) {
            broker.stop();
            broker = null;
        }
        if (embedded != null) { // after the services, which would otherwise log lost connections
            embedded.close();
            embedded = null;
        }
        stack = null;
        System.out.println("Stopped. Data kept in " + data + " (deploy/local/run.sh --reset starts afresh).");
    }

    private static void step(String message) {
        System.out.println("==> " + message);
    }
}
