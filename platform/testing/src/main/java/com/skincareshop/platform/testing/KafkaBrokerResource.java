package com.skincareshop.platform.testing;

import com.skincareshop.contracts.events.KafkaAccess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Starts a real Kafka broker (KRaft, authentication and the authorizer on) for a {@code @QuarkusTest}; register it
 * with {@code @WithTestResource}. A new, empty broker each time Quarkus starts the resources (once per distinct set
 * of resources and profile, four times over the services' suites): a container where an engine is reachable, else
 * its own JVM ({@link KafkaBroker#forTests()}). Tests that need a broker of their own (a topic with more partitions
 * that cannot shrink again) restrict it to their class.
 *
 * <p>Arguments ({@code initArgs}):
 * <ul>
 *   <li>{@code principal} (required): the service under test's principal of {@link KafkaAccess}. The service gets
 *       that principal's {@code kafka.*} settings and may do what it may do in production, no more.</li>
 *   <li>{@code topics}: topics of <em>other</em> services the service under test reads, which their owners would
 *       have created, as {@code name:partitions[:compact]} separated by commas. Created as the admin, since the
 *       service may not.</li>
 * </ul>
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;
    private String principal;
    private List<NewTopic> topics = List.of();

    @Override
    public void init(Map<String, String> initArgs) {
        principal = initArgs.get("principal");
        if (principal == null) {
            throw new IllegalArgumentException(
                    "KafkaBrokerResource needs initArgs principal: the service's principal of KafkaAccess");
        }
        KafkaAccess.principal(principal); // a known one
        topics = topics(initArgs.getOrDefault("topics", ""));
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.forTests().start();
        if (!topics.isEmpty()) {
            try (Admin admin = Admin.create(broker.adminClientConfig())) {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not create " + topics, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return broker.serviceConfig(principal);
    }

    private static List<NewTopic> topics(String specs) {
        List<NewTopic> topics = new ArrayList<>();
        for (String spec : specs.split(",")) {
            if (spec.isBlank()) {
                continue;
            }
            String[] parts = spec.strip().split(":");
            boolean compacted = parts.length > 2 && parts[2].equals("compact");
            topics.add(new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1)
                    .configs(Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG,
                            compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)));
        }
        return topics;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                broker, new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
