package com.skincareshop.platform.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;

/**
 * How {@link KafkaBroker} runs, in its own JVM or in a container alike: one KRaft node, authentication on every
 * listener, the authorizer on. Only the addresses differ between the two forms.
 *
 * <p>Listeners, all SASL without TLS (loopback or a private container network):
 * <ul>
 *   <li>{@code CLIENT}: the services and tests, SCRAM-SHA-512 for the principals of
 *       {@link com.skincareshop.contracts.events.KafkaAccess}, PLAIN for the admin;</li>
 *   <li>{@code NETWORK}: the same, for containers on a container network (the container smoke test);</li>
 *   <li>{@code BROKER}: the broker's own connections to itself (transaction markers), PLAIN as the admin;</li>
 *   <li>{@code CONTROLLER}: the KRaft quorum, PLAIN as the admin.</li>
 * </ul>
 * The admin is a static user of the broker's JAAS file, so it exists before the broker does; the principals' SCRAM
 * credentials live in the cluster metadata, which is why they are created through the Admin API once the broker
 * runs, and survive a restart on the same data. The JAAS configuration is a file (named by
 * {@code -Djava.security.auth.login.config}) rather than a {@code sasl.jaas.config} property because the official
 * {@code apache/kafka} image drops every environment variable whose value contains {@code '='} when it writes
 * {@code server.properties}.
 */
final class BrokerSettings {

    static final String CLIENT = "CLIENT";
    static final String NETWORK = "NETWORK";
    static final String BROKER = "BROKER";
    static final String CONTROLLER = "CONTROLLER";

    /** One listener: where it binds, and the address it gives clients (none for the controller's). */
    record Listener(String name, String bind, String advertised) {}

    private BrokerSettings() {}

    /** The broker's properties, these listeners (the controller's among them) as they are. */
    static Map<String, String> properties(List<Listener> listeners) {
        Listener controller = listeners.stream()
                .filter(l -> l.name().equals(CONTROLLER))
                .findFirst()
                .orElseThrow();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@" + controller.bind());
        properties.put(
                "listeners",
                listeners.stream().map(l -> l.name() + "://" + l.bind()).collect(Collectors.joining(",")));
        properties.put(
                "advertised.listeners",
                listeners.stream()
                        .filter(l -> l.advertised() != null)
                        .map(l -> l.name() + "://" + l.advertised())
                        .collect(Collectors.joining(",")));
        properties.put("controller.listener.names", CONTROLLER);
        properties.put("inter.broker.listener.name", BROKER);
        properties.put(
                "listener.security.protocol.map",
                listeners.stream()
                        .map(l -> l.name() + ":" + KafkaCredentials.SECURITY_PROTOCOL)
                        .collect(Collectors.joining(",")));
        // the admin (and the broker itself) authenticates with PLAIN everywhere, the services with SCRAM
        properties.put("sasl.enabled.mechanisms", KafkaCredentials.PLAIN_MECHANISM);
        for (String clients : List.of(CLIENT, NETWORK)) {
            properties.put(
                    "listener.name." + clients.toLowerCase(Locale.ROOT) + ".sasl.enabled.mechanisms",
                    KafkaCredentials.SCRAM_MECHANISM + "," + KafkaCredentials.PLAIN_MECHANISM);
        }
        properties.put("sasl.mechanism.inter.broker.protocol", KafkaCredentials.PLAIN_MECHANISM);
        properties.put("sasl.mechanism.controller.protocol", KafkaCredentials.PLAIN_MECHANISM);
        // nothing is allowed that no ACL allows; the admin, the broker's own principal, is the only super user
        properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        properties.put("allow.everyone.if.no.acl.found", "false");
        properties.put("super.users", "User:" + KafkaCredentials.ADMIN);
        // a single node: without these, internal topics cannot be created and groups receive nothing
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // services create their topics with the partitions and clean-up policy they need
        properties.put("auto.create.topics.enable", "false");
        properties.put("num.partitions", "1");
        properties.put("log.cleaner.backoff.ms", "1000");
        return properties;
    }

    /** Only the listeners that exist: a broker without a container network has no {@code NETWORK} listener. */
    static List<Listener> listeners(Listener... listeners) {
        List<Listener> present = new ArrayList<>();
        for (Listener listener : listeners) {
            if (listener != null) {
                present.add(listener);
            }
        }
        return present;
    }

    /**
     * The broker's JAAS file: the admin, a static PLAIN user (its own credentials for the broker's and the
     * controller's connections), and SCRAM, whose users the cluster metadata holds.
     */
    static String jaas(KafkaCredentials credentials) {
        return "KafkaServer {\n  " + PlainLoginModule.class.getName() + " required username=\"" + KafkaCredentials.ADMIN
                + "\" password=\"" + credentials.adminPassword() + "\" user_" + KafkaCredentials.ADMIN + "=\""
                + credentials.adminPassword() + "\";\n  " + ScramLoginModule.class.getName() + " required;\n};\n";
    }

    /**
     * The properties as the {@code apache/kafka} image takes them: {@code KAFKA_} and the name upper-cased, with
     * {@code '-'} as {@code ___}, {@code '_'} as {@code __} and {@code '.'} as {@code _}.
     */
    static Map<String, String> environment(Map<String, String> properties) {
        Map<String, String> environment = new LinkedHashMap<>();
        properties.forEach((name, value) -> environment.put(
                "KAFKA_"
                        + name.replace("_", "__")
                                .replace("-", "___")
                                .replace('.', '_')
                                .toUpperCase(Locale.ROOT),
                value));
        return environment;
    }
}
