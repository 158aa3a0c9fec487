package com.skincareshop.recommendation.domain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.skincareshop.recommendation.engine.RoutineEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stored customers' routines, as the JSON of their response version, by everything a routine is built from: the customer, their profile's version, the
 * locale, how much detail, and the catalogue table's {@link com.skincareshop.recommendation.engine.index.CatalogTable#generation()
 * generation}. A new profile version or a catalogue change a routine could see makes a new key, so the next request
 * builds again and a held routine is never served for inputs it was not built from; the old entries are never asked
 * for again and leave by size or age. Bounded (a routine's JSON is several kilobytes).
 */
@ApplicationScoped
public class RoutineCache {

    /**
     * What a stored customer's routine is built from, and the response version ({@code view}, a Jackson view) it
     * is written in.
     */
    public record Inputs(
            String customerId,
            long profileVersion,
            String locale,
            RoutineEngine.Detail detail,
            long generation,
            Class<?> view) {}

    private final Cache<Inputs, byte[]> routines;

    public RoutineCache(
            @ConfigProperty(name = "recommendation.routine-cache.max-size", defaultValue = "5000") long maxSize,
            @ConfigProperty(name = "recommendation.routine-cache.idle", defaultValue = "10M") Duration idle) {
        this.routines = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterAccess(idle)
                .executor(Runnable::run)
                .build();
    }

    /**
     * The routine's JSON held for these inputs, or the JSON {@code build} makes, then held. The JSON, not the
     * routine: a hit then costs no serialization, and the bytes are a fraction of the routine's objects.
     */
    public byte[] json(Inputs inputs, Supplier<byte[]> build) {
        return routines.get(inputs, key -> build.get());
    }

    /** The routine's JSON if it is held for these inputs; never builds. */
    public Optional<byte[]> held(Inputs inputs) {
        return Optional.ofNullable(routines.getIfPresent(inputs));
    }

    public long size() {
        routines.cleanUp();
        return routines.estimatedSize();
    }
}
