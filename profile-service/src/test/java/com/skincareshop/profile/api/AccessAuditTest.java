package com.skincareshop.profile.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.skincareshop.platform.audit.AccessRecord;
import com.skincareshop.platform.audit.AccessRecordRepository;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.profile.support.ProfileTest;
import com.skincareshop.profile.support.Requests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every read by support and every erasure leaves an audit record (who, what, when, never an answer) in a table the
 * erasure does not touch: after the customer is erased, the records of who read and who erased them remain.
 */
@ProfileTest
class AccessAuditTest {

    private static final String PATH = "/api/profiles/{customerId}";

    @Inject
    AccessRecordRepository records;

    @Inject
    EntityManager entityManager;

    @Test
    void supportReadsAndTheErasureAreOnRecordAfterTheErasure() {
        String customer = Requests.newCustomerId();
        Instant started = Instant.now();
        Map<String, Object> answers = Requests.answers();
        answers.put("avoidIngredients", List.of("Audit-marker-" + customer));
        Requests.put(customer, Requests.profile(answers)).then().statusCode(201);
        // the customer's own reads and writes are theirs: no record
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(200);
        assertThat(recordsOf(customer)).isEmpty();

        given().auth()
                .oauth2(DevTokens.support())
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(DevTokens.support())
                .when()
                .delete("/api/profiles/{id}", customer)
                .then()
                .statusCode(204);

        // the profile is gone, its audit trail is not
        given().auth()
                .oauth2(DevTokens.support())
                .when()
                .get("/api/profiles/{id}", customer)
                .then()
                .statusCode(404);
        List<AccessRecord> trail = recordsOf(customer);
        assertThat(trail)
                .extracting(
                        AccessRecord::subject,
                        AccessRecord::actor,
                        AccessRecord::role,
                        AccessRecord::action,
                        AccessRecord::httpMethod,
                        AccessRecord::pathTemplate)
                .containsExactly(
                        tuple("support-1", null, "support", "read-profile", "GET", PATH),
                        tuple("support-1", null, "support", "erase-profile", "DELETE", PATH),
                        // a read that found nothing was still an attempt to read
                        tuple("support-1", null, "support", "read-profile", "GET", PATH));
        assertThat(trail).allSatisfy(record -> {
            assertThat(record.customerId()).isEqualTo(customer);
            assertThat(record.recordedAt())
                    .isBetween(started.minusSeconds(5), Instant.now().plusSeconds(5));
        });
        // identifiers only: no answer anywhere in the table's rows for the customer
        assertThat(rowText(customer)).doesNotContain("Audit-marker", "OILY", "ENLARGED_PORES", "120.00");
    }

    @Test
    void everyErasureIsOnRecordWhoeverAsksForIt() {
        String byCustomer = Requests.newCustomerId();
        String byStorefront = Requests.newCustomerId();
        for (String customer : List.of(byCustomer, byStorefront)) {
            Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(201);
        }
        given().auth()
                .oauth2(DevTokens.customer(byCustomer))
                .when()
                .delete("/api/profiles/{id}", byCustomer)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(DevTokens.storefrontFor(byStorefront))
                .when()
                .delete("/api/profiles/{id}", byStorefront)
                .then()
                .statusCode(204);

        assertThat(recordsOf(byCustomer))
                .extracting(AccessRecord::subject, AccessRecord::actor, AccessRecord::role, AccessRecord::action)
                .containsExactly(tuple(byCustomer, null, "customer", "erase-profile"));
        assertThat(recordsOf(byStorefront))
                .extracting(AccessRecord::subject, AccessRecord::actor, AccessRecord::role, AccessRecord::action)
                .containsExactly(tuple(byStorefront, "storefront", "customer", "erase-profile"));
    }

    @Test
    void aRefusedCallerLeavesNoRecordAndErasesNothing() {
        String customer = Requests.newCustomerId();
        Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(201);
        given().auth()
                .oauth2(DevTokens.storefront())
                .when()
                .delete("/api/profiles/{id}", customer)
                .then()
                .statusCode(403);
        assertThat(recordsOf(customer)).isEmpty();
        Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(200); // still there
    }

    private List<AccessRecord> recordsOf(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> records.listFor(customer));
    }

    /** Every column of the customer's audit rows, as text. */
    private String rowText(String customer) {
        return QuarkusTransaction.requiringNew()
                .call(() -> String.valueOf(entityManager
                        .createNativeQuery("select cast(a as text) from access_audit a where customer_id = ?1")
                        .setParameter(1, customer)
                        .getResultList()));
    }
}
