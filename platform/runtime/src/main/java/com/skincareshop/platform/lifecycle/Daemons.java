package com.skincareshop.platform.lifecycle;

import java.time.Duration;

/**
 * The background loops of the services (outbox relay, topic provisioning, consumers) start and pause alike, and
 * report to {@link Heartbeats}: a loop that dies of any throwable makes liveness DOWN.
 */
public final class Daemons {

    private Daemons() {}

    /**
     * A named daemon thread, started: it never keeps the JVM alive on shutdown. Watched for death only: a
     * throwable escaping {@code loop} is logged and recorded, and liveness reports the loop dead.
     */
    public static Thread start(String name, Runnable loop) {
        return start(name, null, loop);
    }

    /**
     * As {@link #start(String, Runnable)}, and also watched for being stuck: {@code loop} calls
     * {@link Heartbeats#beat()} on every iteration, and liveness reports it when it has not beaten for longer than
     * {@code maxSilence} (pauses not counted). Null: watched for death only.
     */
    public static Thread start(String name, Duration maxSilence, Runnable loop) {
        // registered before it runs: a thread that dies at once is reported all the same
        Heartbeats.Loop heartbeat = Heartbeats.shared().register(name, maxSilence);
        Thread thread = new Thread(() -> Heartbeats.run(heartbeat, loop), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Sleeps; false when interrupted (the interrupt flag is kept, so the loop can end). A loop's pause is a
     * heartbeat: the loop is alive, and its silence is counted from the end of the pause.
     */
    public static boolean pause(Duration duration) {
        Heartbeats.waiting(duration);
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
