package com.skincareshop.profile.domain;

import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import jakarta.enterprise.context.ApplicationScoped;
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

    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    public record Saved(Outcome outcome, SkinProfile profile, Instant createdAt) {}

    /** Everything stored about a customer (right of access). */
    public record Stored(SkinProfile profile, Instant createdAt, List<ProfileVersion> history) {}

    private final ProfileRepository profiles;
    private final ProfileVersionRepository history;
    private final ProfileErasureRepository erasures;
    private final ProfilePublisher events;
    private final Clock clock;

    public ProfileStore(
            ProfileRepository profiles,
            ProfileVersionRepository history,
            ProfileErasureRepository erasures,
            ProfilePublisher events,
            Clock clock) {
        this.profiles = profiles;
        this.history = history;
        this.erasures = erasures;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores the answers. {@code mayChangeConsent} false (answers saved on the customer's behalf): the marketing
     * consent must stay what is on record, checked under the profile's lock so that a change the customer makes
     * meanwhile cannot be undone by it; a customer who never answered has given none.
     *
     * @throws ConsentChangeRefused when it would change, storing nothing
     */
    @Transactional
    public Saved save(
            String customerId, int questionnaireVersion, String locale, Answers answers, boolean mayChangeConsent) {
        Instant now = clock.instant();
        Profile profile = profiles.lockForUpdate(customerId).orElse(null);
        boolean storedConsent = profile != null && profile.marketingConsent();
        if (!mayChangeConsent && answers.marketingConsent() != storedConsent) {
            throw new ConsentChangeRefused(storedConsent);
        }
        boolean created = profile == null;
        if (created) {
            profile = Profile.create(
                    customerId, erasures.lockErasedVersion(customerId).orElse(0L), now);
        }
        if (!profile.answer(questionnaireVersion, locale, answers, now)) {
            return new Saved(Outcome.UNCHANGED, profile.toState(), profile.createdAt());
        }
        if (created) {
            profiles.persist(profile);
            erasures.forget(customerId);
        }
        history.persist(ProfileVersion.of(profile));
        events.changed(profile.toState());
        return new Saved(created ? Outcome.CREATED : Outcome.UPDATED, profile.toState(), profile.createdAt());
    }

    @Transactional
    public Optional<Stored> find(String customerId) {
        return profiles.findByIdOptional(customerId)
                .map(profile -> new Stored(profile.toState(), profile.createdAt(), history.listHistory(customerId)));
    }

    /**
     * True when there was something to erase. Always publishes a tombstone: erasing twice is harmless, and the
     * second time repairs a consumer that lost the first.
     */
    @Transactional
    public boolean erase(String customerId) {
        Profile profile = profiles.lockForUpdate(customerId).orElse(null);
        long erasureVersion;
        if (profile != null) {
            history.deleteHistory(customerId);
            profiles.delete(profile);
            erasureVersion = profile.version() + 1;
        } else {
            erasureVersion = erasures.lockErasedVersion(customerId).orElse(1L);
        }
        erasures.record(customerId, erasureVersion, clock.instant());
        events.erased(customerId, erasureVersion);
        return profile != null;
    }
}
