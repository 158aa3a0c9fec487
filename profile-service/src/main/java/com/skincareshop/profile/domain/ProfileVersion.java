package com.skincareshop.profile.domain;

import com.skincareshop.contracts.profile.Answers;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a customer's answers, as given: the history shown by the right of access. */
@Entity
@Table(name = "profile_version")
@IdClass(ProfileVersion.Key.class)
public class ProfileVersion {

    public record Key(String customerId, long version) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "customer_id")
    String customerId;

    @Id
    long version;

    @Column(name = "questionnaire_version")
    int questionnaireVersion;

    String locale;

    @JdbcTypeCode(SqlTypes.JSON)
    Answers answers;

    @Column(name = "recorded_at")
    Instant recordedAt;

    protected ProfileVersion() {
        // for JPA
    }

    static ProfileVersion of(Profile profile) {
        ProfileVersion entry = new ProfileVersion();
        entry.customerId = profile.customerId;
        entry.version = profile.version;
        entry.questionnaireVersion = profile.questionnaireVersion;
        entry.locale = profile.locale;
        entry.answers = profile.answers;
        entry.recordedAt = profile.updatedAt;
        return entry;
    }

    public long version() {
        return version;
    }

    public int questionnaireVersion() {
        return questionnaireVersion;
    }

    public String locale() {
        return locale;
    }

    public Answers answers() {
        return answers;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
