package com.skincareshop.platform.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.Map;
import java.util.Properties;

/**
 * Kafka client properties from configuration: every {@code kafka.*} property (for example
 * {@code kafka.bootstrap.servers}, or {@code kafka.security.protocol} in production) is passed to every client,
 * without the prefix. Environment variables override them as usual ({@code KAFKA_BOOTSTRAP_SERVERS}).
 */
@ApplicationScoped
public class KafkaSettings {

    private static final String PREFIX = "kafka.";

    private final Config config;

    public KafkaSettings(Config config) {
        this.config = config;
    }

    public String bootstrapServers() {
        return config.getValue(PREFIX + "bootstrap.servers", String.class);
    }

    /** Shared client properties plus the given ones, which win. */
    public Properties clientProperties(Map<String, String> overrides) {
        Properties properties = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.put(name.substring(PREFIX.length()), value));
            }
        }
        properties.put("bootstrap.servers", bootstrapServers());
        properties.putAll(overrides);
        return properties;
    }
}
