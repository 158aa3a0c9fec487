package com.skincareshop.profile.events;

import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.platform.outbox.Outbox;
import com.skincareshop.profile.domain.ProfilePublisher;
import jakarta.enterprise.context.ApplicationScoped;

/** What profile-service publishes on {@code profiles.skin.v1}, keyed by customerId. */
@ApplicationScoped
public class ProfileEvents implements ProfilePublisher {

    private final Outbox outbox;

    public ProfileEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void changed(SkinProfile profile) {
        outbox.record(Topics.PROFILES_SKIN, profile.customerId(), EventTypes.PROFILE_CHANGED, profile);
    }

    /** The tombstone carries the version the erasure took: consumers delete only what is older. */
    @Override
    public void erased(String customerId, long erasureVersion) {
        outbox.recordErasure(Topics.PROFILES_SKIN, customerId, EventTypes.PROFILE_ERASED, erasureVersion);
    }
}
