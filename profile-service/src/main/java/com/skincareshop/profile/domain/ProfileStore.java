package com.skincareshop.profile.domain;

import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.profile.events.ProfileEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Customers' answers. Every change is a new version, kept in the history and published through the outbox in
 * the same transaction; erasure removes the profile, its history and its unsent or sent events, and publishes a
 * tombstone so every other service erases it too.
 */
@ApplicationScoped
public class ProfileStore {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Saved(Outcome outcome, SkinProfile profile, Instant createdAt) {
    }

    /** Everything stored about a customer (right of access). */
    public record Stored(SkinProfile profile, Instant createdAt, List<ProfileVersion> history) {
    }

    private final EntityManager entityManager;
    private final ProfileEvents events;
    private final Clock clock;

    public ProfileStore(EntityManager entityManager, ProfileEvents events, Clock clock) {
        this.entityManager = entityManager;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Saved save(String customerId, int questionnaireVersion, String locale, Answers answers) {
        Instant now = clock.instant();
        Profile profile = entityManager.find(Profile.class, customerId, LockModeType.PESSIMISTIC_WRITE);
        boolean created = profile == null;
        if (created) {
            profile = Profile.create(customerId, now);
        }
        if (!profile.answer(questionnaireVersion, locale, answers, now)) {
            return new Saved(Outcome.UNCHANGED, profile.toState(), profile.createdAt());
        }
        if (created) {
            entityManager.persist(profile);
        }
        entityManager.persist(ProfileVersion.of(profile));
        events.changed(profile.toState());
        return new Saved(created ? Outcome.CREATED : Outcome.UPDATED, profile.toState(), profile.createdAt());
    }

    @Transactional
    public Optional<Stored> find(String customerId) {
        Profile profile = entityManager.find(Profile.class, customerId);
        if (profile == null) {
            return Optional.empty();
        }
        List<ProfileVersion> history = entityManager.createQuery(
                        "from ProfileVersion v where v.customerId = :customerId order by v.version desc", ProfileVersion.class)
                .setParameter("customerId", customerId)
                .getResultList();
        return Optional.of(new Stored(profile.toState(), profile.createdAt(), history));
    }

    /** True when there was something to erase. Erasing twice is harmless. */
    @Transactional
    public boolean erase(String customerId) {
        Profile profile = entityManager.find(Profile.class, customerId, LockModeType.PESSIMISTIC_WRITE);
        if (profile == null) {
            return false;
        }
        entityManager.createQuery("delete from ProfileVersion v where v.customerId = :customerId")
                .setParameter("customerId", customerId)
                .executeUpdate();
        entityManager.remove(profile);
        events.erased(customerId);
        return true;
    }
}
