package com.skincareshop.recommendation.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.testing.EventContracts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * recommendations.issued.v1 as the marketing pipeline reads it, without this repository's code: plain Jackson
 * trees from the golden samples' bytes, taking the fields a campaign relies on (who, which profile version, which
 * products and where, what they cost) and ignoring any other.
 */
class IssuedRoutineSamplesTest {

    /** A default mapper, as a consumer outside this repository would have: no modules, no settings of ours. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** What a marketing consumer keeps of an issued routine. */
    record Campaign(
            String customerId,
            long profileVersion,
            String locale,
            Instant issuedAt,
            List<String> morning,
            List<String> evening,
            Set<String> products,
            BigDecimal total,
            String currency) {

        static Campaign read(byte[] value) throws Exception {
            JsonNode routine = PLAIN.readTree(value);
            List<String> morning = new ArrayList<>();
            List<String> evening = new ArrayList<>();
            Set<String> products = new LinkedHashSet<>();
            for (JsonNode step : routine.get("steps")) {
                String sku = step.get("sku").asText();
                assertThat(step.get("productVersion").canConvertToLong()).isTrue();
                (step.get("time").asText().equals("AM") ? morning : evening)
                        .add(step.get("slot").asText() + " " + sku);
                products.add(sku);
            }
            return new Campaign(
                    routine.get("customerId").asText(),
                    routine.get("version").asLong(),
                    routine.get("locale").asText(),
                    Instant.parse(routine.get("issuedAt").asText()),
                    morning,
                    evening,
                    products,
                    new BigDecimal(routine.get("total").get("amount").asText()),
                    routine.get("total").get("currency").asText());
        }
    }

    private static byte[] sample(String name) {
        return EventContracts.sampleBytes(Topics.RECOMMENDATIONS_ISSUED, name);
    }

    @Test
    void aRoutineGivesTheProductsInTheirPlacesAndTheTotal() throws Exception {
        Campaign routine = Campaign.read(sample("routine.json"));
        assertThat(routine.customerId()).isEqualTo("c-7f3a91d2e4b8");
        assertThat(routine.profileVersion()).isEqualTo(3);
        assertThat(routine.locale()).isEqualTo("lv");
        assertThat(routine.issuedAt()).isEqualTo(Instant.parse("2026-11-29T18:22:05.901512Z"));
        assertThat(routine.morning())
                .containsExactly(
                        "CLEANSER CLN-GEL-200",
                        "SERUM SER-VITC15-30",
                        "MOISTURIZER MST-GEL-50",
                        "SUNSCREEN SUN-MINERAL50-50",
                        "SUNSCREEN SUN-HAND30-75");
        assertThat(routine.evening())
                .containsExactly(
                        "CLEANSER CLN-GEL-200",
                        "EXFOLIANT EXF-BHA2-100",
                        "SERUM SER-NIA10-30",
                        "MOISTURIZER MST-GEL-50",
                        "MOISTURIZER MST-HAND-75");
        assertThat(routine.products()).as("a product used twice is one product").hasSize(8);
        assertThat(routine.total()).isEqualTo(new BigDecimal("154.70")); // exact: a string, never a double
        assertThat(routine.currency()).isEqualTo("EUR");
    }

    @Test
    void aRoutineWithoutOptionalStepsHasTheCoreSlotsOnly() throws Exception {
        Campaign routine = Campaign.read(sample("routine-without-optional-steps.json"));
        assertThat(routine.morning())
                .extracting(step -> step.split(" ")[0])
                .containsExactly("CLEANSER", "SERUM", "MOISTURIZER", "SUNSCREEN");
        assertThat(routine.evening()).extracting(step -> step.split(" ")[0]).containsExactly("CLEANSER", "MOISTURIZER");
        assertThat(routine.total()).isEqualTo(new BigDecimal("136.30"));
    }

    @Test
    void aRoutineWithoutStepsIsIssuedWithATotalOfZero() throws Exception {
        Campaign routine = Campaign.read(sample("routine-without-steps.json"));
        assertThat(routine.products()).isEmpty();
        assertThat(routine.total()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(routine.locale()).isEqualTo("tl");
    }

    /** A property added later changes nothing for this reader. */
    @Test
    void aPropertyTheReaderDoesNotKnowIsIgnored() throws Exception {
        String ahead = new String(sample("routine.json"), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"revision\": 2, \"reissueCause\": \"CATALOGUE_CHANGED\",");
        assertThat(Campaign.read(ahead.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Campaign.read(sample("routine.json")));
    }

    /**
     * A reader that knows the revision keeps the newest record: a re-issue after a catalogue change has the same
     * profile version, a greater revision and its cause, and the discontinued serum is gone from it.
     */
    @Test
    void aReissueHasTheSameProfileVersionAGreaterRevisionAndItsCause() throws Exception {
        JsonNode issued = PLAIN.readTree(sample("routine-revised.json"));
        JsonNode reissued = PLAIN.readTree(sample("routine-reissued.json"));
        assertThat(issued.get("cause").asText()).isEqualTo("PROFILE");
        assertThat(reissued.get("cause").asText()).isEqualTo("DISCONTINUED");
        assertThat(reissued.get("revision").asLong())
                .isGreaterThan(issued.get("revision").asLong());
        Campaign before = Campaign.read(sample("routine-revised.json"));
        Campaign after = Campaign.read(sample("routine-reissued.json"));
        assertThat(after.profileVersion()).isEqualTo(before.profileVersion());
        assertThat(before.products()).contains("SER-VITC15-30");
        assertThat(after.products()).doesNotContain("SER-VITC15-30").contains("SER-VITC10-GT-30");
        assertThat(after.total()).isEqualTo(new BigDecimal("148.80"));
        assertThat(before)
                .as("the revision and the cause are all that the first fields lack")
                .isEqualTo(Campaign.read(sample("routine.json")));
    }

    /** What the pipeline must never learn is not in any sample: no answer, nothing derived from one. */
    @Test
    void noSampleCarriesAnythingDerivedFromTheAnswers() {
        for (String name : List.of(
                "routine.json",
                "routine-without-optional-steps.json",
                "routine-without-steps.json",
                "routine-revised.json",
                "routine-without-steps-revised.json",
                "routine-reissued.json")) {
            assertThat(new String(sample(name), StandardCharsets.UTF_8))
                    .as(name)
                    .doesNotContain(
                            "skinType",
                            "concern",
                            "warning",
                            "reason",
                            "minimumSpf",
                            "approach",
                            "pregnan",
                            "sensitive",
                            "sunExposure",
                            "week",
                            "nights");
        }
    }
}
