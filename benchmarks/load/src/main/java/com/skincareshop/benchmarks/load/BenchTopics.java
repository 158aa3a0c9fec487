package com.skincareshop.benchmarks.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** The compacted topics a measurement publishes to, made afresh on its throw-away broker. */
final class BenchTopics {

    private BenchTopics() {}

    /** Creates the topic (compacted, as its owning service creates it) unless it exists. */
    static void createIfAbsent(Admin admin, String topic, int partitions) throws Exception {
        if (!admin.listTopics().names().get().contains(topic)) {
            create(admin, topic, partitions);
        }
    }

    /** Deletes the topic if it exists, waits until it is gone, and creates it afresh. */
    static void recreate(Admin admin, String topic, int partitions) throws Exception {
        if (admin.listTopics().names().get().contains(topic)) {
            admin.deleteTopics(List.of(topic)).all().get();
            while (admin.listTopics().names().get().contains(topic)) {
                Thread.sleep(100);
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                create(admin, topic, partitions);
                return;
            } catch (ExecutionException e) { // the deletion may not be complete everywhere yet
                if (attempt == 50) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void create(Admin admin, String topic, int partitions) throws Exception {
        admin.createTopics(List.of(
                        new NewTopic(topic, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                .all()
                .get();
    }
}
