package com.skincareshop.recommendation.domain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.skincareshop.contracts.profile.SkinProfile;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The profiles routine requests read, held between requests, and dropped the moment the database says a row
 * changed: every write to {@code customer_profile} is announced after commit on {@value #CHANNEL} (triggers, per
 * statement, with the ids of the rows it changed), and
 * this replica listens on a connection of its own. Which replica's consumer wrote the row does not matter, so
 * replicas sharing the consumer group stay correct. A customer without a profile is held too (as empty): the
 * insert that gives them one is announced like any change.
 *
 * <p>Only while listening: until LISTEN succeeds, and from the moment the connection fails until it is back, every
 * read goes to the database and nothing is held; each time listening starts, what was held is dropped, since
 * announcements in between were missed. A read racing an announcement cannot keep what it read: each customer's
 * stripe counts announcements, and a value is held only if its stripe did not move while it was read (checked
 * under the key's lock, which the announcement's eviction takes too).
 */
@ApplicationScoped
public class CustomerProfileCache {

    static final String CHANNEL = "customer_profile_changed";
    private static final Logger LOG = Logger.getLogger(CustomerProfileCache.class);
    private static final int STRIPES = 1024;
    /** How long a wait for announcements lasts before the connection is checked with a query. */
    private static final int WAIT_MILLIS = 1_000;

    private final AgroalDataSource dataSource;
    private final Cache<String, Optional<SkinProfile>> held;
    private final AtomicLongArray announcements = new AtomicLongArray(STRIPES);
    private final Duration retry;
    private volatile boolean listening;
    private volatile int listenerPid;
    private volatile boolean running;
    private Thread listener;

    public CustomerProfileCache(
            AgroalDataSource dataSource,
            @ConfigProperty(name = "recommendation.profile-cache.max-size", defaultValue = "50000") long maxSize,
            @ConfigProperty(name = "recommendation.profile-cache.retry", defaultValue = "1S") Duration retry) {
        this.dataSource = dataSource;
        this.retry = retry;
        this.held = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .executor(Runnable::run)
                .build();
    }

    void start(@Observes StartupEvent started) {
        running = true;
        listener = new Thread(this::listen, "profile-change-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** The customer's profile as held, or read with {@code read} (and held, if nothing changed meanwhile). */
    public Optional<SkinProfile> find(String customerId, Function<String, Optional<SkinProfile>> read) {
        if (!listening) {
            return read.apply(customerId);
        }
        Optional<SkinProfile> found = held.getIfPresent(customerId);
        if (found != null) {
            return found;
        }
        int stripe = stripe(customerId);
        long before = announcements.get(stripe);
        Optional<SkinProfile> fresh = read.apply(customerId);
        held.asMap()
                .compute(
                        customerId,
                        (id, current) -> listening && announcements.get(stripe) == before ? fresh : current);
        return fresh;
    }

    /**
     * The customer's profile if it is held, without reading the database: empty when it is not held (or nothing
     * is held, not listening); a held empty is a customer known to have no profile.
     */
    public Optional<Optional<SkinProfile>> held(String customerId) {
        return listening ? Optional.ofNullable(held.getIfPresent(customerId)) : Optional.empty();
    }

    /** True while announcements are heard (and profiles are held). */
    public boolean listening() {
        return listening;
    }

    /** The listening connection's server process (a test ends it, as a failover would). */
    int listenerPid() {
        return listenerPid;
    }

    public long size() {
        held.cleanUp();
        return held.estimatedSize();
    }

    private void changed(String customerId) {
        held.asMap().compute(customerId, (id, current) -> {
            announcements.incrementAndGet(stripe(id));
            return null;
        });
    }

    private void dropAll() {
        for (int i = 0; i < STRIPES; i++) {
            announcements.incrementAndGet(i);
        }
        held.invalidateAll();
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("listen " + CHANNEL);
                try (ResultSet pid = statement.executeQuery("select pg_backend_pid()")) {
                    listenerPid = pid.next() ? pid.getInt(1) : 0;
                }
                PGConnection announced = connection.unwrap(PGConnection.class);
                dropAll(); // whatever was announced before this connection listened was missed
                listening = true;
                LOG.debugf("Listening on %s: profiles are held between requests", CHANNEL);
                while (running) {
                    PGNotification[] notifications = announced.getNotifications(WAIT_MILLIS);
                    if (notifications == null || notifications.length == 0) {
                        statement.execute("select 1"); // a connection gone quiet is found here, not never
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        if ("*".equals(notification.getParameter())) {
                            dropAll();
                        } else {
                            // up to 100 ids, comma-separated (an id has no comma)
                            for (String customerId : notification.getParameter().split(",")) {
                                changed(customerId);
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf(
                            "Not listening on %s (%s): profiles are read from the database until it is back",
                            CHANNEL, e.getClass().getName());
                }
            } finally {
                listening = false;
                dropAll();
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(retry.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static int stripe(String customerId) {
        return Math.floorMod(customerId.hashCode(), STRIPES);
    }
}
