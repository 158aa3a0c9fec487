package com.skincareshop.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.platform.audit.AccessRecord;
import com.skincareshop.platform.audit.AccessRecordRepository;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.Baseline;
import com.skincareshop.recommendation.support.RecommendationTest;
import com.skincareshop.recommendation.support.StoredCustomers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Support may read any customer's routine, and every such read is on record (who, what, when): the audit plumbing
 * of platform-runtime, in recommendation-service's own database. The customer's own reads, and the storefront's
 * for them, are not audited.
 */
@RecommendationTest
class RoutineAuditTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    CatalogTable table;

    @Inject
    AccessRecordRepository records;

    @Test
    void supportReadsOfARoutineAreOnRecord() {
        Baseline.ensure(broker, json, table);
        String customer = StoredCustomers.withProfile(
                broker,
                json,
                "c-audit-",
                1,
                new Answers(
                        SkinType.DRY,
                        false,
                        AgeBand.AGE_25_34,
                        List.of(Concern.DEHYDRATION),
                        BigDecimal.ONE,
                        false,
                        List.of(),
                        List.of(Area.FACE),
                        null,
                        false),
                "en",
                "/api/recommendations/{id}");
        given().auth()
                .oauth2(DevTokens.customer(customer))
                .when()
                .get("/api/recommendations/{id}", customer)
                .then()
                .statusCode(200);
        assertThat(recordsOf(customer))
                .as("the storefront's and the customer's reads")
                .isEmpty();

        for (String path : List.of("/api/recommendations/{id}", "/api/v2/recommendations/{id}")) {
            given().auth()
                    .oauth2(DevTokens.support())
                    .when()
                    .get(path, customer)
                    .then()
                    .statusCode(200);
        }
        assertThat(recordsOf(customer))
                .extracting(
                        AccessRecord::subject,
                        AccessRecord::role,
                        AccessRecord::action,
                        AccessRecord::customerId,
                        AccessRecord::httpMethod,
                        AccessRecord::pathTemplate)
                .containsExactly(
                        tuple(
                                "support-1",
                                "support",
                                "read-routine",
                                customer,
                                "GET",
                                "/api/recommendations/{customerId}"),
                        tuple(
                                "support-1",
                                "support",
                                "read-routine",
                                customer,
                                "GET",
                                "/api/v2/recommendations/{customerId}"));
    }

    private List<AccessRecord> recordsOf(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> records.listFor(customer));
    }
}
