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
 *
 * <p>Erasure is itself a version: {@code profile_erasure} keeps the customer id and that version (nothing they
 * answered), the tombstone carries it, and a profile created again goes on from it. A consumer therefore deletes
 * only what is older than the tombstone and refuses an older value replayed after it, while the profile created
 * again is newer than anything it ever held. A repeated erasure publishes the tombstone again, so a consumer
 * that missed it is repaired.
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
            profile = Profile.create(customerId, erasedVersion(customerId).orElse(0L), now);
        }
        if (!profile.answer(questionnaireVersion, locale, answers, now)) {
            return new Saved(Outcome.UNCHANGED, profile.toState(), profile.createdAt());
        }
        if (created) {
            entityManager.persist(profile);
            entityManager.createNativeQuery("delete from profile_erasure where customer_id = ?1")
                    .setParameter(1, customerId).executeUpdate(); // the profile row now carries the version
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

    /**
     * True when there was something to erase. Always publishes a tombstone: erasing twice is harmless, and the
     * second time repairs a consumer that lost the first.
     */
    @Transactional
    public boolean erase(String customerId) {
        Profile profile = entityManager.find(Profile.class, customerId, LockModeType.PESSIMISTIC_WRITE);
        long erasureVersion;
        if (profile != null) {
            entityManager.createQuery("delete from ProfileVersion v where v.customerId = :customerId")
                    .setParameter("customerId", customerId)
                    .executeUpdate();
            entityManager.remove(profile);
            erasureVersion = profile.version() + 1;
        } else {
            erasureVersion = erasedVersion(customerId).orElse(1L);
        }
        // a concurrent erasure of the same customer may have inserted the row meanwhile: keep the larger version
        entityManager.createNativeQuery("""
                        insert into profile_erasure (customer_id, version, erased_at) values (?1, ?2, ?3)
                        on conflict (customer_id) do update
                        set version = greatest(profile_erasure.version, excluded.version), erased_at = excluded.erased_at""")
                .setParameter(1, customerId)
                .setParameter(2, erasureVersion)
                .setParameter(3, clock.instant())
                .executeUpdate();
        events.erased(customerId, erasureVersion);
        return profile != null;
    }

    private Optional<Long> erasedVersion(String customerId) {
        List<?> versions = entityManager
                .createNativeQuery("select version from profile_erasure where customer_id = ?1 for update")
                .setParameter(1, customerId)
                .getResultList();
        return versions.stream().findFirst().map(v -> ((Number) v).longValue());
    }
}
