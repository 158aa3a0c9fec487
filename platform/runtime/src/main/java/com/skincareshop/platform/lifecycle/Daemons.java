package com.skincareshop.platform.lifecycle;

import java.time.Duration;

/** The background loops of the services (outbox relay, topic provisioning, consumers) start and pause alike. */
public final class Daemons {

    private Daemons() {
    }

    /** A named daemon thread, started: it never keeps the JVM alive on shutdown. */
    public static Thread start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Sleeps; false when interrupted (the interrupt flag is kept, so the loop can end). */
    public static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
