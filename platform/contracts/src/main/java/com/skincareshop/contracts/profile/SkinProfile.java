package com.skincareshop.contracts.profile;

import java.time.Instant;

/**
 * The value of {@code profiles.skin.v1}: a customer's normalized answers after a change, with the questionnaire
 * version they answered. A null value (tombstone) for the key means the customer was erased. Its contract on the
 * topic is {@code events/schemas/profiles.skin.v1.schema.json}: a field added here is added there first
 * (events/README.md).
 */
public record SkinProfile(
        String customerId, long version, int questionnaireVersion, String locale, Answers answers, Instant updatedAt) {

    @Override
    public String toString() {
        return "SkinProfile[customerId=" + customerId + ", version=" + version + "]";
    }
}
