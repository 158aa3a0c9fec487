package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.recommendation.RoutineIssued.Cause;
import com.skincareshop.recommendation.engine.Routine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A routine issued to a consenting customer, with the versions of the inputs it was built from: one per issued record
 * (a profile change, or a re-issue after the catalogue changed, which keeps the profile version and has a higher
 * revision).
 */
@Entity
@Table(name = "recommendation_snapshot")
public class RecommendationSnapshot {

    @Id
    UUID id;

    @Column(name = "customer_id")
    String customerId;

    @Column(name = "profile_version")
    long profileVersion;

    @Column(name = "product_versions")
    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, Long> productVersions;

    @JdbcTypeCode(SqlTypes.JSON)
    Routine routine;

    @Column(name = "issued_at")
    Instant issuedAt;

    /** The issued record's revision; null for a snapshot taken before revisions existed. */
    Long revision;

    /** Why it was issued ({@link Cause}); null before causes existed. */
    @Enumerated(EnumType.STRING)
    Cause cause;

    protected RecommendationSnapshot() {
        // for JPA
    }

    RecommendationSnapshot(
            String customerId,
            long profileVersion,
            Map<String, Long> productVersions,
            Routine routine,
            Instant issuedAt,
            long revision,
            Cause cause) {
        this.id = UUID.randomUUID();
        this.customerId = customerId;
        this.profileVersion = profileVersion;
        this.productVersions = productVersions;
        this.routine = routine;
        this.issuedAt = issuedAt;
        this.revision = revision;
        this.cause = cause;
    }

    public long profileVersion() {
        return profileVersion;
    }

    public Map<String, Long> productVersions() {
        return productVersions;
    }

    public Routine routine() {
        return routine;
    }

    public Long revision() {
        return revision;
    }

    public Cause cause() {
        return cause;
    }
}
