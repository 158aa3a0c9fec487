package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.profile.Answers;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The profile read model's row: the newest version of a customer's answers. Written and read by
 * {@link CustomerProfileRepository}'s set-based statements; mapped so that its queries are named after it.
 */
@Entity
@Table(name = "customer_profile")
public class CustomerProfile {

    @Id
    @Column(name = "customer_id")
    String customerId;

    long version;

    @Column(name = "questionnaire_version")
    int questionnaireVersion;

    String locale;

    @JdbcTypeCode(SqlTypes.JSON)
    Answers answers;

    @Column(name = "updated_at")
    Instant updatedAt;

    @Column(name = "received_at")
    Instant receivedAt;

    protected CustomerProfile() {
        // for JPA
    }
}
