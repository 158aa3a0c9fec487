package com.skincareshop.profile.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.events.EventTypes;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.Readiness;
import com.skincareshop.profile.support.ProfileTest;
import com.skincareshop.profile.support.Requests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A parked outbox row (one Kafka kept refusing, kept for an operator) holds the customer's answers like any other:
 * erasure deletes it too.
 */
@ProfileTest
class ParkedEventsErasureTest {

    @Inject
    EntityManager entityManager;

    @Test
    void erasureDeletesTheCustomersParkedOutboxRows() {
        Readiness.await();
        String customer = Requests.newCustomerId();
        Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(201);
        String marker = "parked-answers-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery("""
                        insert into outbox_event (id, topic, message_key, event_type, payload, created_at,
                                                  attempts, last_error, parked_at)
                        values (?1, ?2, ?3, ?4, ?5, now(), 3, 'RecordTooLargeException: test', now())
                        """)
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, Topics.PROFILES_SKIN)
                        .setParameter(3, customer)
                        .setParameter(4, EventTypes.PROFILE_CHANGED)
                        .setParameter(5, "{\"customerId\":\"" + customer + "\",\"marker\":\"" + marker + "\"}")
                        .executeUpdate());
        assertThat(parkedRowsOf(customer)).isOne();

        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .delete("/api/profiles/{id}", customer)
                .then()
                .statusCode(204);

        assertThat(parkedRowsOf(customer)).isZero();
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> entityManager
                                .createNativeQuery(
                                        "select count(*) from outbox_event where message_key = ?1 and payload is not null")
                                .setParameter(1, customer)
                                .getSingleResult()))
                .as("rows with answers")
                .isEqualTo(0L);
    }

    private long parkedRowsOf(String customer) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager
                                .createNativeQuery(
                                        "select count(*) from outbox_event where message_key = ?1 and parked_at is not null")
                                .setParameter(1, customer)
                                .getSingleResult())
                        .longValue());
    }
}
