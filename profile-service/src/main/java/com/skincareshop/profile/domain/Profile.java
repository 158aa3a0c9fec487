package com.skincareshop.profile.domain;

import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A customer's current, normalized answers; {@code version} grows by one with every real change. */
@Entity
@Table(name = "profile")
public class Profile {

    @Id
    @Column(name = "customer_id")
    String customerId;

    long version;

    @Column(name = "questionnaire_version")
    int questionnaireVersion;

    String locale;

    @JdbcTypeCode(SqlTypes.JSON)
    Answers answers;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    protected Profile() {
        // for JPA
    }

    /**
     * A new profile whose first answers take version {@code versionsBefore + 1}: after an erasure the versions go
     * on from the erasure's, so every consumer sees the profile created again as newer than what it erased.
     */
    static Profile create(String customerId, long versionsBefore, Instant now) {
        Profile profile = new Profile();
        profile.customerId = customerId;
        profile.version = versionsBefore;
        profile.createdAt = now;
        return profile;
    }

    /** Records the answers; false, changing nothing, when they are what is stored already. */
    boolean answer(int questionnaireVersion, String locale, Answers answers, Instant now) {
        if (this.answers != null
                && this.questionnaireVersion == questionnaireVersion
                && this.locale.equals(locale)
                && this.answers.equals(answers)) {
            return false;
        }
        this.questionnaireVersion = questionnaireVersion;
        this.locale = locale;
        this.answers = answers;
        this.version++;
        this.updatedAt = now;
        return true;
    }

    public String customerId() {
        return customerId;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Whether the stored answers give marketing consent; none is given before the first answers. */
    boolean marketingConsent() {
        return answers != null && answers.marketingConsent();
    }

    public SkinProfile toState() {
        return new SkinProfile(customerId, version, questionnaireVersion, locale, answers, updatedAt);
    }
}
