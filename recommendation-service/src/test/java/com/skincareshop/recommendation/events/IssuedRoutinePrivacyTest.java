package com.skincareshop.recommendation.events;

import static com.skincareshop.recommendation.engine.TestCatalog.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.recommendation.RoutineIssued;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.Routine;
import com.skincareshop.recommendation.engine.RoutineEngine;
import com.skincareshop.recommendation.engine.RoutinePolicy;
import com.skincareshop.recommendation.engine.TestCatalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What reaches the marketing pipeline reveals no answer: with the same products recommended, the issued record is
 * the same whether the customer is pregnant, sensitive, in the sun all day or of another skin type, although the
 * routine the storefront shows differs (warnings, reasons, the SPF target).
 */
class IssuedRoutinePrivacyTest {

    private static final ObjectMapper JSON =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final Instant ISSUED_AT = Instant.parse("2026-12-01T10:00:00Z");
    /** A re-issue's cause is the catalogue's change: the same whatever the customer answered. */
    private static final RoutineIssued.Cause CAUSE = RoutineIssued.Cause.DISCONTINUED;

    private final RoutineEngine engine = new RoutineEngine(RoutinePolicy.defaults());

    /** One product per slot, each fit for every customer below, so the products stay the same. */
    private final TestCatalog catalogue = TestCatalog.of(
            product("CLN-GENTLE", Category.CLEANSER, "9.00").build(),
            product("MST-GENTLE", Category.MOISTURIZER, "15.00").build(),
            product("SUN-50", Category.SUNSCREEN, "16.00")
                    .spf(50)
                    .timeOfDay(TimeOfDay.AM)
                    .build(),
            product("SER-NIA4", Category.SERUM, "19.00")
                    .inci("Niacinamide", "4")
                    .build());

    private static final Answers BASE = new Answers(
            SkinType.NORMAL,
            false,
            AgeBand.AGE_25_34,
            List.of(Concern.DARK_SPOTS),
            BigDecimal.ONE,
            false,
            List.of(),
            List.of(Area.FACE),
            new Money(new BigDecimal("200.00"), "EUR"),
            true);

    @Test
    void noFieldOfTheIssuedRecordChangesWithHealthAdjacentAnswersWhileTheProductsStayTheSame() throws Exception {
        Map<String, UnaryOperator<Answers>> variations = Map.of(
                "pregnant", a -> with(a, a.skinType(), a.sensitive(), a.sunExposureHours(), true),
                "sensitive", a -> with(a, a.skinType(), true, a.sunExposureHours(), a.pregnantOrBreastfeeding()),
                "all day in the sun",
                        a -> with(a, a.skinType(), a.sensitive(), new BigDecimal("9"), a.pregnantOrBreastfeeding()),
                "dry skin",
                        a -> with(a, SkinType.DRY, a.sensitive(), a.sunExposureHours(), a.pregnantOrBreastfeeding()),
                "oily skin",
                        a -> with(a, SkinType.OILY, a.sensitive(), a.sunExposureHours(), a.pregnantOrBreastfeeding()));
        Routine base = engine.build("c-7", 3L, BASE, "lv", catalogue);
        String baseRecord = JSON.writeValueAsString(RecommendationEvents.toEvent(base, ISSUED_AT, 9, CAUSE));

        for (Map.Entry<String, UnaryOperator<Answers>> variation : variations.entrySet()) {
            Routine varied = engine.build("c-7", 3L, variation.getValue().apply(BASE), "lv", catalogue);
            assertThat(skus(varied))
                    .as(variation.getKey() + ": the premise, same products")
                    .isEqualTo(skus(base));
            assertThat(JSON.writeValueAsString(RecommendationEvents.toEvent(varied, ISSUED_AT, 9, CAUSE)))
                    .as(variation.getKey())
                    .isEqualTo(baseRecord);
        }
        // the storefront's routine does differ: the comparison above is not vacuous
        Routine pregnant = engine.build("c-7", 3L, variations.get("pregnant").apply(BASE), "lv", catalogue);
        assertThat(pregnant.warnings()).isNotEqualTo(base.warnings());
        Routine sunny =
                engine.build("c-7", 3L, variations.get("all day in the sun").apply(BASE), "lv", catalogue);
        assertThat(sunny.minimumSpf()).isNotEqualTo(base.minimumSpf());
    }

    @Test
    void theIssuedRecordHoldsTheProductsAndNothingElse() throws Exception {
        Routine routine =
                engine.build("c-7", 3L, with(BASE, SkinType.DRY, true, new BigDecimal("9"), true), "lv", catalogue);
        JsonNode record =
                JSON.readTree(JSON.writeValueAsString(RecommendationEvents.toEvent(routine, ISSUED_AT, 9, CAUSE)));

        assertThat(fieldNames(record))
                .containsExactly("customerId", "version", "locale", "issuedAt", "steps", "total", "revision", "cause");
        assertThat(record.get("cause").asText()).isEqualTo("DISCONTINUED");
        for (JsonNode step : record.get("steps")) {
            assertThat(fieldNames(step)).containsExactly("time", "slot", "sku", "productVersion");
        }
        assertThat(record.get("steps")).extracting(s -> s.get("sku").asText()).contains("SER-NIA4", "SUN-50");
    }

    private static Answers with(Answers a, SkinType skinType, boolean sensitive, BigDecimal sun, boolean pregnant) {
        return new Answers(
                skinType,
                sensitive,
                a.ageBand(),
                a.concerns(),
                sun,
                pregnant,
                a.avoidIngredients(),
                a.areas(),
                a.budget(),
                a.marketingConsent());
    }

    private static List<String> skus(Routine routine) {
        List<String> skus = new ArrayList<>();
        routine.am().forEach(s -> skus.add("AM " + s.product().sku()));
        routine.pm().forEach(s -> skus.add("PM " + s.product().sku()));
        return skus;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
