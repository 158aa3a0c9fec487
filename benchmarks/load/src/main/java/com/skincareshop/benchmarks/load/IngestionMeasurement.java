package com.skincareshop.benchmarks.load;

import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.LocalPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Ingestion: profile events materialized per second by recommendation-service, against the
 * rate at which a bare Kafka consumer reads the same topic, in one run, for each number of consumer threads
 * ({@code recommendation.profiles.consumers}) side by side. The events are {@link SkinProfile} records as
 * profile-service publishes them (no marketing consent, so no routine is issued: this measures the read model).
 *
 * <p>For each setting, on a fresh topic (6 partitions), a fresh database and a fresh consumer group:
 * <ol>
 *   <li><b>bare</b>: N events are published, then a plain {@code KafkaConsumer} reads them all;</li>
 *   <li><b>cold</b>: recommendation-service starts and catches up on the N events (a restart after an outage: the
 *       JIT compiles while it works);</li>
 *   <li><b>warm</b>: while it runs, N more events (a second version of every profile) are published at once, and it
 *       catches up again.</li>
 * </ol>
 * Progress is read from the consumer group's committed offsets (the service commits only after the database did),
 * so the measurement adds no load to PostgreSQL; a phase runs from its first commit to its last, and the rate counts
 * the events committed in between. The read model is then checked: N rows, every one at version 2.
 *
 * <p>Arguments: the repository root, the number of events per phase (default 100,000), the consumer thread counts
 * (default "1,2,3").
 */
public final class IngestionMeasurement {

    private static final String GROUP = "recommendation-service";
    private static final int PARTITIONS = 6;

    /** One setting's figures; CPU in microseconds per event of the warm phase, for the service and for PostgreSQL. */
    private record Phases(
            int consumers, double bare, double cold, double warm, double serviceMicros, double postgresMicros) {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<Integer> settings = Arrays.stream((args.length > 2 ? args[2] : "1,2,3").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        List<ProducerRecord<String, byte[]>> first = DirectEvents.profileRecords(events, i -> profile(i, 1));
        List<ProducerRecord<String, byte[]>> second = DirectEvents.profileRecords(events, i -> profile(i, 2));
        List<Phases> results = new ArrayList<>();
        try (KafkaBroker broker = KafkaBroker.temporary().start();
                Admin admin = Admin.create(broker.adminClientConfig())) {
            for (int consumers : settings) {
                results.add(measure(root, broker, admin, consumers, first, second));
            }
        }
        System.out.println();
        System.out.printf("== Ingestion: %,d profile events per phase, %d partitions ==%n", events, PARTITIONS);
        System.out.printf(
                "%-10s %14s %16s %16s %12s %12s %20s %20s%n",
                "consumers",
                "bare events/s",
                "cold events/s",
                "warm events/s",
                "cold / bare",
                "warm / bare",
                "warm: service µs/ev",
                "warm: PostgreSQL µs/ev");
        for (Phases r : results) {
            System.out.printf(
                    "%-10d %,14.0f %,16.0f %,16.0f %12.2f %12.2f %20.1f %20.1f%n",
                    r.consumers(),
                    r.bare(),
                    r.cold(),
                    r.warm(),
                    r.cold() / r.bare(),
                    r.warm() / r.bare(),
                    r.serviceMicros(),
                    r.postgresMicros());
        }
        System.out.println(
                "(bare: a plain KafkaConsumer reading the same topic in the same run, its second pass; cold: a freshly "
                        + "started service catching up; warm: the same service, running, catching up on a burst published meanwhile; "
                        + "µs/ev: user+system CPU of the service's process, and of every PostgreSQL process, over the warm phase)");
    }

    private static SkinProfile profile(int i, long version) {
        return new SkinProfile(
                "c-ingest-" + i,
                version,
                1,
                "en",
                new Answers(
                        SkinType.values()[i % 4],
                        i % 3 == 0,
                        AgeBand.values()[i % 5],
                        List.of(Concern.values()[i % 10]),
                        BigDecimal.valueOf((i + version) % 9),
                        false,
                        List.of(),
                        List.of(Area.FACE),
                        null,
                        false),
                null);
    }

    private static Phases measure(
            Path root,
            KafkaBroker broker,
            Admin admin,
            int consumers,
            List<ProducerRecord<String, byte[]>> first,
            List<ProducerRecord<String, byte[]>> second)
            throws Exception {
        int events = first.size();
        System.out.printf("%n-- %d consumer thread(s) --%n", consumers);
        freshTopicAndGroup(admin);
        DirectEvents.send(broker, first);
        double bare = bareConsumptionRate(broker, events);
        System.out.printf("bare consumer:  %,10.0f events/s%n", bare);

        Stack.Service service = Stack.onFreePorts("bench_").get(2); // recommendation-service alone
        try (Stack stack = new Stack(
                        root, root.resolve("benchmarks/load/target/ingestion-logs"), broker, List.of(service))
                .withEnvironment(serviceEnvironment(consumers))
                .provisionDatabases(true)) {
            stack.start();
            long pid = stack.pids().get(service.name());
            double cold = catchUp(admin, 0, events, Duration.ofMinutes(5));
            System.out.printf("cold service:   %,10.0f events/s%n", cold);
            long serviceBefore = Load.cpuTicks(pid);
            long postgresBefore = Load.postgresCpuTicks();
            Thread warmSender = new Thread(() -> DirectEvents.send(broker, second));
            warmSender.start();
            double warm = catchUp(admin, events, 2L * events, Duration.ofMinutes(5));
            warmSender.join();
            double serviceMicros = (Load.cpuTicks(pid) - serviceBefore) * 10_000.0 / events;
            double postgresMicros = (Load.postgresCpuTicks() - postgresBefore) * 10_000.0 / events;
            System.out.printf(
                    "warm service:   %,10.0f events/s  (CPU per event: service %.1f µs, PostgreSQL %.1f µs)%n",
                    warm, serviceMicros, postgresMicros);
            verify(service, events);
            return new Phases(consumers, bare, cold, warm, serviceMicros, postgresMicros);
        }
    }

    /**
     * The service's settings; with {@code -Dingestion.jfr=DIR} it also records a JFR profile of the whole run into
     * {@code DIR/ingestion-<consumers>.jfr} (only the service's process: the bare consumer runs unprofiled here).
     */
    private static Map<String, String> serviceEnvironment(int consumers) {
        Map<String, String> environment = new HashMap<>();
        environment.put("RECOMMENDATION_PROFILES_CONSUMERS", String.valueOf(consumers));
        String jfr = System.getProperty("ingestion.jfr");
        if (jfr != null) {
            environment.put(
                    "JAVA_TOOL_OPTIONS",
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                            + Path.of(jfr)
                                    .resolve("ingestion-" + consumers + ".jfr")
                                    .toAbsolutePath());
        }
        return environment;
    }

    /**
     * Deletes the topic and the consumer group left by the previous setting, and creates the topic afresh; the
     * (empty) catalogue topic too, once, which the service waits for before it consumes profiles.
     */
    private static void freshTopicAndGroup(Admin admin) throws Exception {
        BenchTopics.createIfAbsent(admin, Topics.CATALOG_PRODUCTS, PARTITIONS);
        try {
            admin.deleteConsumerGroups(List.of(GROUP)).all().get();
        } catch (ExecutionException e) {
            // no such group yet
        }
        BenchTopics.recreate(admin, Topics.PROFILES_SKIN, PARTITIONS);
    }

    /**
     * Waits until the group has committed {@code target} records, starting from {@code base}; the rate is of the
     * records committed after the first commit seen above {@code base}, over the time from that commit to the last.
     */
    private static double catchUp(Admin admin, long base, long target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long startedAt = 0;
        long startedWith = 0;
        while (true) {
            long committed = committed(admin);
            long now = System.nanoTime();
            if (startedAt == 0 && committed > base) {
                startedAt = now;
                startedWith = committed;
            }
            if (committed >= target) {
                if (committed == startedWith) {
                    throw new IllegalStateException("one commit covered the whole phase: publish more events");
                }
                return (committed - startedWith) / ((now - startedAt) / 1e9);
            }
            if (now > deadline) {
                throw new IllegalStateException("the consumer group committed " + committed + " of " + target);
            }
            Thread.sleep(20);
        }
    }

    private static long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get();
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(Topics.PROFILES_SKIN) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    /** The read model holds every customer, each at the second version. */
    private static void verify(Stack.Service service, int events) throws Exception {
        LocalPostgres postgres = LocalPostgres.fromEnvironment();
        try (Connection db = DriverManager.getConnection(
                        postgres.jdbcUrl(service.database()), service.role(), service.role());
                ResultSet rows = db.createStatement()
                        .executeQuery("select count(*), count(*) filter (where version = 2) from customer_profile")) {
            rows.next();
            if (rows.getLong(1) != events || rows.getLong(2) != events) {
                throw new IllegalStateException("the read model holds " + rows.getLong(1) + " profiles, "
                        + rows.getLong(2) + " at version 2; expected " + events);
            }
        }
    }

    /** A plain consumer's rate over the topic: its second pass, once the JIT has compiled the first. */
    private static double bareConsumptionRate(KafkaBroker broker, int events) {
        readAll(broker, events);
        return readAll(broker, events);
    }

    /** As recommendation-service's principal, which reads the topic: authentication costs the same as the service's. */
    private static double readAll(KafkaBroker broker, int events) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(KafkaAccess.RECOMMENDATION_SERVICE));
        config.putAll(Map.of("enable.auto.commit", "false", "max.poll.records", "2000"));
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROFILES_SKIN).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            long read = 0;
            long bytes = 0;
            while (read < events) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (var record : records) {
                    bytes += record.value().length; // touch the value, as a real consumer would
                    read++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("bare consumer read %,d events (%,d bytes of JSON) in %.2f s%n", read, bytes, seconds);
            return read / seconds;
        }
    }
}
