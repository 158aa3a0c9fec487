package com.skincareshop.platform.lifecycle;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Which background loops are alive: the liveness check ({@link BackgroundLoopsCheck}) reads it.
 *
 * <p>Every thread started by {@link Daemons#start} is registered here under its name. If a {@link Throwable}
 * escapes it ({@code Error}s included), it is recorded as dead with the throwable's class; if it returns, it is
 * forgotten (a loop returns when the service stops, or when its work is done, like topic provisioning).
 *
 * <p>A loop started with a maximum silence is also watched for being stuck: it calls {@link #beat()} on every
 * iteration, and is reported silent when no beat came for longer than that bound. A wait is not silence:
 * {@link Daemons#pause} and {@link #waiting(Duration)} beat and extend the bound by the length of the wait, so a
 * loop that keeps waiting and retrying (a broker or database outage, a consumer waiting for the catalogue) keeps
 * beating. The bound must therefore exceed the longest single call the loop makes without beating (a transaction,
 * a flush bounded by the producer's delivery timeout): silence past it means a call that does not return, which a
 * restart cures and waiting does not.
 *
 * <p>One registry per JVM ({@link #shared()}): threads are the JVM's, and a loop restarted under the same name
 * replaces its earlier record, dead or alive.
 */
public final class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class);
    private static final Heartbeats SHARED = new Heartbeats(System::nanoTime);
    private static final ThreadLocal<Loop> CURRENT = new ThreadLocal<>();

    private final LongSupplier nanoTime;
    private final Map<String, Loop> loops = new ConcurrentHashMap<>();

    /** A registry of its own, on a clock of nanoseconds ({@code System::nanoTime}, or a test's). */
    public Heartbeats(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime);
    }

    /** The registry of the JVM's background loops, which {@link Daemons} and the liveness check use. */
    public static Heartbeats shared() {
        return SHARED;
    }

    /**
     * The calling loop is alive: call it once per iteration. Does nothing on a thread that {@link Daemons#start}
     * did not start (a test calling the loop's body directly).
     */
    public static void beat() {
        Loop loop = CURRENT.get();
        if (loop != null) {
            loop.beat();
        }
    }

    /** The calling loop is alive and is about to wait up to {@code duration}: no silence is counted meanwhile. */
    public static void waiting(Duration duration) {
        Loop loop = CURRENT.get();
        if (loop != null) {
            loop.waiting(duration);
        }
    }

    /**
     * Registers a loop, replacing any earlier one of the same name. {@code maxSilence} null: watched for death
     * only; otherwise also reported when silent for longer than that.
     */
    public Loop register(String name, Duration maxSilence) {
        Objects.requireNonNull(name, "name");
        if (maxSilence != null && (maxSilence.isZero() || maxSilence.isNegative())) {
            throw new IllegalArgumentException("the maximum silence of " + name + " must be positive: " + maxSilence);
        }
        Loop loop = new Loop(this, name, maxSilence == null ? 0 : maxSilence.toNanos());
        loops.put(name, loop);
        return loop;
    }

    /** Every registered loop, by name. */
    public List<Status> statuses() {
        long now = nanoTime.getAsLong();
        return loops.values().stream()
                .map(loop -> loop.status(now))
                .sorted(Comparator.comparing(Status::name))
                .toList();
    }

    /**
     * Runs {@code body} as {@code loop} on the calling thread: its beats reach the loop, and its end is recorded.
     * A throwable is recorded and logged, not rethrown: the thread ends either way.
     */
    static void run(Loop loop, Runnable body) {
        CURRENT.set(loop);
        try {
            body.run();
            loop.finished();
        } catch (Throwable t) {
            loop.died(t); // first: logging may fail too, after an OutOfMemoryError
            try {
                LOG.errorf(
                        t,
                        "Background loop %s died (%s); liveness reports it DOWN",
                        loop.name(),
                        t.getClass().getName());
            } catch (Throwable ignored) {
                // recorded already
            }
        } finally {
            CURRENT.remove();
        }
    }

    /** A loop's state as the liveness check reports it. */
    public record Status(String name, boolean alive, String detail) {}

    /** One registered loop. Its methods may be called from its own thread only, apart from the reads. */
    public static final class Loop {
        private final Heartbeats registry;
        private final String name;
        private final long maxSilenceNanos;
        private volatile long lastBeat;
        private volatile long allowance;
        private volatile String deathCause;

        private Loop(Heartbeats registry, String name, long maxSilenceNanos) {
            this.registry = registry;
            this.name = name;
            this.maxSilenceNanos = maxSilenceNanos;
            this.lastBeat = registry.nanoTime.getAsLong();
        }

        public String name() {
            return name;
        }

        // Two fields, written so that a reader between the writes errs on the side of alive: the new time with
        // the old allowance, or the new allowance with the old time.

        public void beat() {
            lastBeat = registry.nanoTime.getAsLong();
            allowance = 0;
        }

        public void waiting(Duration duration) {
            allowance = Math.max(0, duration.toNanos());
            lastBeat = registry.nanoTime.getAsLong();
        }

        /** A throwable ended the loop: it stays registered, as dead, until a loop of the same name replaces it. */
        public void died(Throwable cause) {
            deathCause = cause.getClass().getName();
        }

        /** The loop returned: it is no longer watched. */
        public void finished() {
            registry.loops.remove(name, this);
        }

        Status status(long now) {
            String cause = deathCause;
            if (cause != null) {
                // the class only: a message may quote the data the loop was handling
                return new Status(name, false, "dead: " + cause);
            }
            long silent = now - lastBeat;
            if (maxSilenceNanos > 0 && silent > maxSilenceNanos + allowance) {
                return new Status(
                        name,
                        false,
                        "silent for " + seconds(silent) + " (bound " + seconds(maxSilenceNanos + allowance) + ")");
            }
            return new Status(name, true, "alive");
        }

        private static String seconds(long nanos) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
    }
}
