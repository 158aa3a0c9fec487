package com.skincareshop.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skincareshop.contracts.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The helper's checks can fail, each for its reason. */
class EventContractsTest {

    private static final String SERUM =
            new String(EventContracts.sampleBytes(Topics.CATALOG_PRODUCTS, "serum.json"), StandardCharsets.UTF_8);

    @Test
    void aSampleMatchesItselfAndNotASampleOfAnotherShape() {
        EventContracts.assertMatchesSample(Topics.CATALOG_PRODUCTS, "serum.json", SERUM);
        assertThatThrownBy(() -> EventContracts.assertMatchesSample(
                        Topics.CATALOG_PRODUCTS, "sunscreen-english-only.json", SERUM))
                .hasMessageContaining("spf")
                .hasMessageContaining("names.tl");
    }

    @Test
    void theShapeIsThePropertyNamesAtEveryLevel() {
        assertThat(EventContracts.shape(
                        EventContracts.sample(Topics.RECOMMENDATIONS_ISSUED, "routine-without-steps.json")))
                .containsExactly(
                        "customerId",
                        "issuedAt",
                        "locale",
                        "steps",
                        "total",
                        "total.amount",
                        "total.currency",
                        "version");
        assertThat(EventContracts.shape(EventContracts.sample(Topics.CATALOG_PRODUCTS, "serum.json")))
                .contains("ingredients[].inci", "ingredients[].percent", "actives[].trace", "names.lv")
                .doesNotContain("spf");
    }

    @Test
    void anInvalidValueFails() {
        assertThatThrownBy(
                        () -> EventContracts.assertValid(Topics.CATALOG_PRODUCTS, SERUM.replace("\"39.90\"", "39.90")))
                .hasMessageContaining("price");
        assertThatThrownBy(() -> EventContracts.assertValid(Topics.CATALOG_PRODUCTS, "{not json"))
                .hasMessageContaining("not JSON");
        assertThat(EventContracts.violations(Topics.deadLetterOf(Topics.PROFILES_SKIN), "{}"))
                .hasSize(6);
    }

    @Test
    void headersAreCheckedAgainstTheirMessage() {
        ConsumerRecord<String, String> tombstone = new ConsumerRecord<>(Topics.PROFILES_SKIN, 0, 0, "c-42", null);
        tombstone.headers().add("ce_id", bytes("0f6c1f8e-3b7a-4c1e-9a55-2d8b6e41c7a3"));
        tombstone.headers().add("ce_specversion", bytes("1.0"));
        tombstone.headers().add("ce_type", bytes("com.skincareshop.profile.skin.erased.v1"));
        tombstone.headers().add("ce_source", bytes("/profile-service"));
        tombstone.headers().add("ce_subject", bytes("c-42"));
        tombstone.headers().add("ce_time", bytes("2026-12-02T07:58:30.117084Z"));
        assertThatThrownBy(() -> EventContracts.assertHeaders(tombstone, "profileErased"))
                .hasMessageContaining("ce_aggregateversion");
        tombstone.headers().add("ce_aggregateversion", bytes("3"));
        EventContracts.assertHeaders(tombstone, "profileErased");
        assertThatThrownBy(() -> EventContracts.assertHeaders(tombstone, "routineWithdrawn"))
                .hasMessageContaining("ce_type");
    }

    @Test
    void theAsyncApiExamplesGiveHeaders() {
        assertThat(EventContracts.exampleHeaders("profileErased"))
                .containsEntry("ce_type", "com.skincareshop.profile.skin.erased.v1")
                .containsEntry("ce_aggregateversion", "4")
                .doesNotContainKey("content-type");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
