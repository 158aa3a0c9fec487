package com.skincareshop.profile.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.platform.openapi.ApiDocument;
import com.skincareshop.profile.domain.ProfileStore;
import com.skincareshop.profile.domain.ProfileVersion;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A stored profile; with {@code history} when it answers the right of access (the customer's own token, support),
 * without when the storefront reads it for the customer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        name = "Profile",
        description = "A customer's stored answers",
        requiredProperties = {
            "customerId",
            "version",
            "questionnaireVersion",
            "locale",
            "answers",
            "createdAt",
            "updatedAt"
        })
public record ProfileView(
        String customerId,

        @Schema(description = "Grows by one with each change", minimum = "1")
        long version,

        int questionnaireVersion,
        @Schema(ref = ApiDocument.LOCALE) String locale,

        @Schema(description = "The answers as validated and normalized")
        Answers answers,

        Instant createdAt,
        Instant updatedAt,

        @Schema(
                description = "Every earlier version, on a read with the customer's own token or by support (the"
                        + " right of access); absent for a token the storefront holds for the customer")
        List<HistoryEntry> history) {

    @Schema(
            name = "ProfileHistoryEntry",
            requiredProperties = {"version", "questionnaireVersion", "locale", "answers", "recordedAt"})
    public record HistoryEntry(
            long version,
            int questionnaireVersion,
            @Schema(ref = ApiDocument.LOCALE) String locale,
            Answers answers,
            Instant recordedAt) {}

    static ProfileView of(ProfileStore.Saved saved) {
        var p = saved.profile();
        return new ProfileView(
                p.customerId(),
                p.version(),
                p.questionnaireVersion(),
                p.locale(),
                p.answers(),
                saved.createdAt(),
                p.updatedAt(),
                null);
    }

    /** What is current, without the earlier versions. */
    static ProfileView current(ProfileStore.Stored stored) {
        var p = stored.profile();
        return new ProfileView(
                p.customerId(),
                p.version(),
                p.questionnaireVersion(),
                p.locale(),
                p.answers(),
                stored.createdAt(),
                p.updatedAt(),
                null);
    }

    static ProfileView withHistory(ProfileStore.Stored stored) {
        var p = stored.profile();
        List<HistoryEntry> history =
                stored.history().stream().map(ProfileView::entry).toList();
        return new ProfileView(
                p.customerId(),
                p.version(),
                p.questionnaireVersion(),
                p.locale(),
                p.answers(),
                stored.createdAt(),
                p.updatedAt(),
                history);
    }

    private static HistoryEntry entry(ProfileVersion v) {
        return new HistoryEntry(v.version(), v.questionnaireVersion(), v.locale(), v.answers(), v.recordedAt());
    }
}
