package com.skincareshop.platform.testing;

import com.skincareshop.contracts.events.KafkaAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * {@link KafkaAccess} on a running broker: every principal's SCRAM-SHA-512 credentials, and exactly its ACLs (an ACL
 * of the broker that {@code KafkaAccess} does not name is removed, so that a persistent broker follows the code).
 */
public final class KafkaAcls {

    /** Kafka's minimum for SHA-512; every new connection derives its key this many times. */
    private static final int SCRAM_ITERATIONS = 4096;

    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    private KafkaAcls() {}

    /** The ACLs {@link KafkaAccess} gives its principals. */
    public static Set<AclBinding> bindings() {
        Set<AclBinding> bindings = new HashSet<>();
        for (KafkaAccess.Principal principal : KafkaAccess.principals()) {
            principal.grants().forEach(grant -> bindings.add(binding(principal.name(), grant)));
        }
        return bindings;
    }

    /** An ALLOW from any host for {@code User:<principal>}. */
    public static AclBinding binding(String principal, KafkaAccess.Grant grant) {
        KafkaAccess.Resource resource = grant.resource();
        return new AclBinding(
                new ResourcePattern(
                        ResourceType.valueOf(resource.type().name()),
                        resource.name(),
                        PatternType.valueOf(resource.pattern().name())),
                new AccessControlEntry(
                        "User:" + principal,
                        "*",
                        AclOperation.valueOf(grant.operation().name()),
                        AclPermissionType.ALLOW));
    }

    /** Credentials and ACLs, and waits until the broker's authorizer holds exactly those ACLs. */
    static void provision(Admin admin, KafkaCredentials credentials)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        for (KafkaAccess.Principal principal : KafkaAccess.principals()) {
            users.add(new UserScramCredentialUpsertion(
                    principal.name(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                    credentials.password(principal.name())));
        }
        admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);

        Set<AclBinding> wanted = bindings();
        Set<AclBinding> present =
                new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
        List<AclBindingFilter> unwanted = present.stream()
                .filter(binding -> !wanted.contains(binding))
                .map(AclBinding::toFilter)
                .toList();
        if (!unwanted.isEmpty()) {
            admin.deleteAcls(unwanted).all().get(30, TimeUnit.SECONDS);
        }
        List<AclBinding> missing =
                wanted.stream().filter(binding -> !present.contains(binding)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
        }
        awaitAcls(admin, wanted::equals, "exactly " + wanted);
    }

    /** More ACLs than {@link KafkaAccess} gives, for a test's own topics. */
    static void allow(Admin admin, List<AclBinding> bindings)
            throws ExecutionException, InterruptedException, TimeoutException {
        admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        awaitAcls(admin, present -> present.containsAll(bindings), "to include " + bindings);
    }

    /** The controller has committed the ACLs; the broker's authorizer applies them a moment later. */
    private static void awaitAcls(Admin admin, Predicate<Set<AclBinding>> done, String what)
            throws ExecutionException, InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(PROPAGATION);
        while (!done.test(
                new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)))) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("the broker's ACLs did not come " + what + " within " + PROPAGATION);
            }
            Thread.sleep(50);
        }
    }
}
