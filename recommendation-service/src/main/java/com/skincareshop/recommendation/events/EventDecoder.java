package com.skincareshop.recommendation.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.profile.AnswersValidator;
import com.skincareshop.contracts.profile.CustomerIds;
import com.skincareshop.contracts.profile.Questionnaire;
import com.skincareshop.contracts.profile.Questionnaires;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.validation.Violation;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.platform.kafka.CloudEventHeaders;
import com.skincareshop.recommendation.domain.CustomerProfiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads consumed events into the contract records and checks what the read models rely on. Anything else is a
 * {@link Poison}: the consumer parks it on the dead-letter topic and moves on. What passes here can always be
 * stored, so a consumer treats any later failure as the database's and retries it.
 *
 * <p>Decoding is tolerant where HTTP is strict: a field this build does not know (a producer one release ahead
 * added an optional one) is ignored, while every field the read models need is still required.
 */
@ApplicationScoped
public class EventDecoder {

    /** A message this service cannot process; the message names the problem, never the content. */
    public static final class Poison extends Exception {
        public Poison(String message) {
            super(message);
        }
    }

    private static final Set<String> PROFILE_TYPES = Set.of(EventTypes.PROFILE_CHANGED, EventTypes.PROFILE_ERASED);
    private static final Set<String> PRODUCT_TYPES = Set.of(EventTypes.PRODUCT_CHANGED);

    private final ObjectMapper json;

    public EventDecoder(ObjectMapper json) {
        // the application's mapper (text without control characters, no duplicate keys), minus unknown-field errors
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Null for a tombstone; the actives derived again from the ingredients. */
    public ProductState product(ConsumerRecord<String, byte[]> record) throws Poison {
        requireKeyAndType(record, PRODUCT_TYPES);
        if (record.value() == null) {
            return null;
        }
        ProductState product = read(record, ProductState.class);
        if (!record.key().equals(product.sku())
                || product.version() < 1
                || product.category() == null
                || product.status() == null
                || product.price() == null
                || product.actives() == null
                || product.names() == null
                || product.areas() == null
                || product.skinTypes() == null
                || product.ingredients() == null
                || product.concerns() == null
                || product.timeOfDay() == null) {
            throw new Poison("product event incomplete or keyed by another sku");
        }
        return product
                .withDerivedIngredients(); // the safety rules read the actives as this build's dictionary knows them
    }

    /**
     * A change, or an erasure (tombstone) with the version it erases up to when the producer says so. The answers
     * are checked against their questionnaire version as profile-service checked them.
     */
    public CustomerProfiles.Change profile(ConsumerRecord<String, byte[]> record) throws Poison {
        requireKeyAndType(record, PROFILE_TYPES);
        if (!CustomerIds.isValid(record.key())) {
            throw new Poison("message keyed by something that is not a customer id");
        }
        if (record.value() == null) {
            return CustomerProfiles.Change.erasure(
                    record.key(),
                    CloudEventHeaders.readAggregateVersion(record.headers())
                            .orElse(CustomerProfiles.Change.UNKNOWN_VERSION));
        }
        SkinProfile profile = read(record, SkinProfile.class);
        if (!record.key().equals(profile.customerId())
                || profile.version() < 1
                || profile.answers() == null
                || profile.answers().concerns() == null
                || profile.answers().areas() == null
                || profile.answers().avoidIngredients() == null
                || !Locales.isSupported(profile.locale())) {
            throw new Poison("profile event incomplete or keyed by another customer");
        }
        Questionnaire questionnaire = Questionnaires.version(profile.questionnaireVersion())
                .orElseThrow(() -> new Poison("profile event of an unknown questionnaire version"));
        AnswersValidator.Result checked = AnswersValidator.validate(questionnaire, json.valueToTree(profile.answers()));
        if (!checked.valid()) {
            // the field names only, never the values: they are the customer's answers
            throw new Poison("profile event with invalid answers: "
                    + checked.violations().stream()
                            .limit(5)
                            .map(Violation::field)
                            .toList());
        }
        return CustomerProfiles.Change.of(profile);
    }

    private static void requireKeyAndType(ConsumerRecord<String, byte[]> record, Set<String> types) throws Poison {
        if (record.key() == null || record.key().isBlank()) {
            throw new Poison("message without a key");
        }
        String type = CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE)
                .orElseThrow(() -> new Poison("message without a ce_type header"));
        if (!types.contains(type)) {
            throw new Poison("unknown event type " + type);
        }
    }

    private <T> T read(ConsumerRecord<String, byte[]> record, Class<T> type) throws Poison {
        try {
            return json.readValue(record.value(), type);
        } catch (IOException e) {
            throw new Poison(
                    "not a valid " + type.getSimpleName() + ": " + e.getClass().getSimpleName());
        }
    }
}
