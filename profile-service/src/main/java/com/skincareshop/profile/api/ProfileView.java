package com.skincareshop.profile.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.profile.domain.ProfileStore;
import com.skincareshop.profile.domain.ProfileVersion;

import java.time.Instant;
import java.util.List;

/** A stored profile; with {@code history} when it answers the right of access. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(String customerId, long version, int questionnaireVersion, String locale, Answers answers,
                          Instant createdAt, Instant updatedAt, List<HistoryEntry> history) {

    public record HistoryEntry(long version, int questionnaireVersion, String locale, Answers answers,
                               Instant recordedAt) {
    }

    static ProfileView of(ProfileStore.Saved saved) {
        var p = saved.profile();
        return new ProfileView(p.customerId(), p.version(), p.questionnaireVersion(), p.locale(), p.answers(),
                saved.createdAt(), p.updatedAt(), null);
    }

    static ProfileView withHistory(ProfileStore.Stored stored) {
        var p = stored.profile();
        List<HistoryEntry> history = stored.history().stream()
                .map(ProfileView::entry)
                .toList();
        return new ProfileView(p.customerId(), p.version(), p.questionnaireVersion(), p.locale(), p.answers(),
                stored.createdAt(), p.updatedAt(), history);
    }

    private static HistoryEntry entry(ProfileVersion v) {
        return new HistoryEntry(v.version(), v.questionnaireVersion(), v.locale(), v.answers(), v.recordedAt());
    }
}
