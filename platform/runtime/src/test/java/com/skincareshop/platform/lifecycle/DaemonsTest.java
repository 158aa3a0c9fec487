package com.skincareshop.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Real threads started by {@link Daemons}, as the services' loops are, seen through the shared registry. */
class DaemonsTest {

    private static Optional<Heartbeats.Status> status(String name) {
        return Heartbeats.shared().statuses().stream()
                .filter(s -> s.name().equals(name))
                .findFirst();
    }

    private static void awaitStatus(String name, Predicate<Optional<Heartbeats.Status>> condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.test(status(name))) {
            assertThat(Instant.now()).as("%s: %s", name, status(name)).isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void anErrorEscapingTheLoopIsRecordedAsItsDeath() throws InterruptedException {
        String name = "doomed-" + UUID.randomUUID();
        Daemons.start(name, () -> {
                    throw new StackOverflowError();
                })
                .join(10_000);

        assertThat(status(name)).contains(new Heartbeats.Status(name, false, "dead: java.lang.StackOverflowError"));
        Daemons.start(name, () -> {}).join(10_000); // restarted, it ends normally: forgotten
        assertThat(status(name)).isEmpty();
    }

    @Test
    void aLoopThatStopsBeatingIsReportedSilentButNotWhilePausing() throws InterruptedException {
        String name = "stuck-" + UUID.randomUUID();
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread thread = Daemons.start(name, Duration.ofMillis(200), () -> {
            for (int i = 0; i < 20; i++) {
                Heartbeats.beat();
                Daemons.pause(Duration.ofMillis(10));
            }
            paused.countDown();
            Daemons.pause(Duration.ofSeconds(3)); // a long wait: no silence
            try {
                release.await(); // stuck: no beat
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        paused.await();
        Thread.sleep(500);
        assertThat(status(name).map(Heartbeats.Status::alive)).as("pausing").contains(true);

        awaitStatus(name, s -> s.isPresent() && s.get().detail().startsWith("silent for "));
        release.countDown();
        thread.join(10_000);
        assertThat(status(name)).as("returned").isEmpty();
    }
}
