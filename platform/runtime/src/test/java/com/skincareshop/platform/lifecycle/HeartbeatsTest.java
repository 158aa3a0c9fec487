package com.skincareshop.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The registry's bounds, on a clock the test moves. */
class HeartbeatsTest {

    private final AtomicLong nanos = new AtomicLong(42_000_000_000L);
    private final Heartbeats heartbeats = new Heartbeats(nanos::get);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private Heartbeats.Status status(String name) {
        return heartbeats.statuses().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not registered"));
    }

    @Test
    void aLoopThatBeatsWithinItsBoundIsAlive() {
        Heartbeats.Loop loop = heartbeats.register("relay", Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(9));
            assertThat(status("relay").alive()).isTrue();
            loop.beat();
        }
        assertThat(status("relay").detail()).isEqualTo("alive");
    }

    @Test
    void silenceLongerThanTheBoundIsReportedAndEndsWithTheNextBeat() {
        Heartbeats.Loop loop = heartbeats.register("relay", Duration.ofSeconds(10));
        advance(Duration.ofSeconds(10));
        assertThat(status("relay").alive())
                .as("exactly the bound is not longer than it")
                .isTrue();
        advance(Duration.ofMillis(1));
        assertThat(status("relay"))
                .isEqualTo(new Heartbeats.Status("relay", false, "silent for 10.0 s (bound 10.0 s)"));

        loop.beat();
        assertThat(status("relay").alive()).isTrue();
    }

    @Test
    void aWaitIsNotSilenceButWhatFollowsItIs() {
        Heartbeats.Loop loop = heartbeats.register("consumer", Duration.ofSeconds(10));
        loop.waiting(Duration.ofMinutes(2)); // e.g. a pause before retrying the broker
        advance(Duration.ofSeconds(129));
        assertThat(status("consumer").alive()).isTrue();
        advance(Duration.ofSeconds(2));
        assertThat(status("consumer").detail()).isEqualTo("silent for 131.0 s (bound 130.0 s)");

        loop.beat(); // the allowance was for that one wait only
        advance(Duration.ofSeconds(11));
        assertThat(status("consumer").alive()).isFalse();
    }

    @Test
    void aLoopWithoutBoundIsWatchedForDeathOnly() {
        Heartbeats.Loop loop = heartbeats.register("topic-provisioner", null);
        advance(Duration.ofDays(3));
        assertThat(status("topic-provisioner").alive()).isTrue();

        loop.died(new NoClassDefFoundError("com/example/Gone"));
        assertThat(status("topic-provisioner").alive()).isFalse();
    }

    @Test
    void aDeadLoopIsReportedWithTheClassOfItsThrowableOnly() {
        Heartbeats.Loop loop = heartbeats.register("profile-consumer-0", Duration.ofMinutes(5));
        loop.died(new OutOfMemoryError("while reading the answers of customer c-123"));
        loop.beat(); // a dead loop stays dead

        assertThat(status("profile-consumer-0"))
                .isEqualTo(new Heartbeats.Status("profile-consumer-0", false, "dead: java.lang.OutOfMemoryError"));
    }

    @Test
    void aLoopThatReturnedIsForgotten() {
        heartbeats.register("relay", Duration.ofSeconds(10));
        Heartbeats.Loop done = heartbeats.register("topic-provisioner", null);
        done.finished();

        assertThat(heartbeats.statuses()).extracting(Heartbeats.Status::name).containsExactly("relay");
    }

    @Test
    void aLoopRestartedUnderItsNameReplacesTheDeadRecordAndTheOldOneCannotRemoveIt() {
        Heartbeats.Loop first = heartbeats.register("catalog-table-loader", Duration.ofMinutes(1));
        first.died(new StackOverflowError());
        Heartbeats.Loop second = heartbeats.register("catalog-table-loader", Duration.ofMinutes(1));
        assertThat(status("catalog-table-loader").alive()).isTrue();

        first.finished();
        assertThat(status("catalog-table-loader").alive()).isTrue();
        second.finished();
        assertThat(heartbeats.statuses()).isEmpty();
    }

    @Test
    void statusesAreByName() {
        heartbeats.register("profile-consumer-1", null);
        heartbeats.register("outbox-relay", Duration.ofMinutes(5));
        heartbeats.register("profile-consumer-0", null);

        assertThat(heartbeats.statuses())
                .extracting(Heartbeats.Status::name)
                .containsExactly("outbox-relay", "profile-consumer-0", "profile-consumer-1");
    }

    @Test
    void aBoundMustBePositive() {
        assertThatThrownBy(() -> heartbeats.register("relay", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> heartbeats.register("relay", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
