package com.skincareshop.contracts.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Who may do what on the broker (docs/design.md, "Kafka principals and ACLs"): one principal per service and one for
 * marketing, each allowed exactly the operations its Kafka clients use, on exactly its topics and groups. Nothing
 * else: the broker denies whatever no ACL allows. The one source of truth for the ACLs: the test and local brokers
 * are provisioned from it, and the Kubernetes KafkaUsers are checked against it.
 *
 * <p>What each grant is for:
 * <ul>
 *   <li>a topic a service <em>owns</em>: {@code CREATE} (its {@code TopicProvisioner} creates it where it is
 *       missing), {@code DESCRIBE} (the provisioner lists and describes it, the outbox relay's admin client asks
 *       whether it exists, producers read its metadata) and {@code WRITE} (the outbox relay's and the dead letters'
 *       idempotent producers: {@code WRITE} on a topic also allows the producer id, so no cluster-wide
 *       {@code IDEMPOTENT_WRITE});</li>
 *   <li>a topic a principal <em>reads</em>: {@code DESCRIBE} (partitions, end offsets) and {@code READ};</li>
 *   <li>a consumer group: {@code READ} (join, heartbeat, commit) and {@code DESCRIBE} (committed offsets). The
 *       catalogue table assigns itself every partition of {@code catalog.products.v1} and needs no group.</li>
 * </ul>
 */
public final class KafkaAccess {

    public static final String CATALOG_SERVICE = "catalog-service";
    public static final String PROFILE_SERVICE = "profile-service";
    public static final String RECOMMENDATION_SERVICE = "recommendation-service";
    /** The marketing pipeline: reads the routines issued to consenting customers, nothing else. */
    public static final String MARKETING = "marketing";

    /** The consumer group of recommendation-service's profile consumers. */
    public static final String RECOMMENDATION_GROUP = "recommendation-service";
    /** Marketing's consumers may use any group whose name starts with this ({@code marketing-crm}, ...). */
    public static final String MARKETING_GROUP_PREFIX = "marketing";

    public enum ResourceType {
        TOPIC,
        GROUP
    }

    public enum PatternType {
        /** The resource of exactly this name. */
        LITERAL,
        /** Every resource whose name starts with this. */
        PREFIXED
    }

    public enum Operation {
        CREATE,
        DESCRIBE,
        READ,
        WRITE
    }

    public record Resource(ResourceType type, String name, PatternType pattern) {}

    /** An ALLOW rule, from any host. */
    public record Grant(Resource resource, Operation operation) {}

    public record Principal(String name, Set<Grant> grants) {
        public Principal {
            grants = Set.copyOf(grants);
        }
    }

    private static final List<Principal> PRINCIPALS = List.of(
            principal(CATALOG_SERVICE, owns(Topics.CATALOG_PRODUCTS)),
            principal(PROFILE_SERVICE, owns(Topics.PROFILES_SKIN)),
            principal(
                    RECOMMENDATION_SERVICE,
                    owns(Topics.RECOMMENDATIONS_ISSUED),
                    owns(Topics.deadLetterOf(Topics.CATALOG_PRODUCTS)),
                    owns(Topics.deadLetterOf(Topics.PROFILES_SKIN)),
                    reads(Topics.CATALOG_PRODUCTS),
                    reads(Topics.PROFILES_SKIN),
                    group(RECOMMENDATION_GROUP, PatternType.LITERAL)),
            principal(
                    MARKETING,
                    reads(Topics.RECOMMENDATIONS_ISSUED),
                    group(MARKETING_GROUP_PREFIX, PatternType.PREFIXED)));

    private KafkaAccess() {}

    /** Every principal and what it may do. */
    public static List<Principal> principals() {
        return PRINCIPALS;
    }

    public static Principal principal(String name) {
        return PRINCIPALS.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no Kafka principal " + name));
    }

    @SafeVarargs
    private static Principal principal(String name, List<Grant>... grants) {
        Set<Grant> all = new LinkedHashSet<>();
        for (List<Grant> some : grants) {
            all.addAll(some);
        }
        return new Principal(name, all);
    }

    private static List<Grant> owns(String topic) {
        Resource resource = new Resource(ResourceType.TOPIC, topic, PatternType.LITERAL);
        return List.of(
                new Grant(resource, Operation.CREATE),
                new Grant(resource, Operation.DESCRIBE),
                new Grant(resource, Operation.WRITE));
    }

    private static List<Grant> reads(String topic) {
        Resource resource = new Resource(ResourceType.TOPIC, topic, PatternType.LITERAL);
        return List.of(new Grant(resource, Operation.DESCRIBE), new Grant(resource, Operation.READ));
    }

    private static List<Grant> group(String name, PatternType pattern) {
        Resource resource = new Resource(ResourceType.GROUP, name, pattern);
        return List.of(new Grant(resource, Operation.DESCRIBE), new Grant(resource, Operation.READ));
    }
}
