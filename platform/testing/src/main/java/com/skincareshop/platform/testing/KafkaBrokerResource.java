package com.skincareshop.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real Kafka broker (KRaft) for a {@code @QuarkusTest}; register it with {@code @WithTestResource}. A new,
 * empty broker each time Quarkus starts the resources (once per distinct set of resources and profile, four times
 * over the services' suites): a container where an engine is reachable, else its own JVM ({@link KafkaBroker#forTests()}).
 * Tests that need a broker of their own (a topic with more partitions that cannot shrink again) restrict it to their class.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.forTests().start();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
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
