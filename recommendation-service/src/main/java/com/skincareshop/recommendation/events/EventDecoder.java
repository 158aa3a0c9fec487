package com.skincareshop.recommendation.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.platform.kafka.CloudEventHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.Set;

/**
 * Reads consumed events into the contract records and checks what the read models rely on. Anything else is a
 * {@link Poison}: the consumer parks it on the dead-letter topic and moves on.
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
        this.json = json;
    }

    /** Null for a tombstone; the actives derived again from the ingredients. */
    public ProductState product(ConsumerRecord<String, byte[]> record) throws Poison {
        requireKeyAndType(record, PRODUCT_TYPES);
        if (record.value() == null) {
            return null;
        }
        ProductState product = read(record, ProductState.class);
        if (!record.key().equals(product.sku()) || product.version() < 1 || product.category() == null
                || product.status() == null || product.price() == null || product.actives() == null
                || product.names() == null || product.areas() == null || product.skinTypes() == null
                || product.ingredients() == null || product.concerns() == null || product.timeOfDay() == null) {
            throw new Poison("product event incomplete or keyed by another sku");
        }
        return product.withDerivedIngredients(); // the safety rules read the actives as this build's dictionary knows them
    }

    /** Null for a tombstone (erasure). */
    public SkinProfile profile(ConsumerRecord<String, byte[]> record) throws Poison {
        requireKeyAndType(record, PROFILE_TYPES);
        if (record.value() == null) {
            return null;
        }
        SkinProfile profile = read(record, SkinProfile.class);
        if (!record.key().equals(profile.customerId()) || profile.version() < 1 || profile.answers() == null
                || profile.answers().concerns() == null || profile.answers().areas() == null
                || profile.answers().avoidIngredients() == null || profile.locale() == null) {
            throw new Poison("profile event incomplete or keyed by another customer");
        }
        return profile;
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
            throw new Poison("not a valid " + type.getSimpleName() + ": " + e.getClass().getSimpleName());
        }
    }
}
