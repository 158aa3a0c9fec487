package com.skincareshop.recommendation.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.SkinProfile;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SizeUnit;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.Texture;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.platform.testing.EventContracts;
import com.skincareshop.recommendation.domain.CustomerProfiles;
import com.skincareshop.recommendation.engine.index.CatalogTable;
import com.skincareshop.recommendation.support.RecommendationTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the contract: the golden samples, as raw bytes from their files and with the headers of
 * asyncapi.yaml's examples (nothing our producers' code serialized), through the decoder the catalogue loader and
 * the profile consumer use, and on into a catalogue table as the loader applies them.
 */
@RecommendationTest
class GoldenSamplesDecodingTest {

    @Inject
    EventDecoder decoder;

    private static ConsumerRecord<String, byte[]> record(String topic, String key, String message, byte[] value) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, 0L, key, value);
        EventContracts.exampleHeaders(message)
                .forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private ProductState product(String sample, String sku) throws EventDecoder.Poison {
        return decoder.product(record(
                Topics.CATALOG_PRODUCTS,
                sku,
                "productChanged",
                EventContracts.sampleBytes(Topics.CATALOG_PRODUCTS, sample)));
    }

    private SkinProfile profile(String sample, String customerId) throws EventDecoder.Poison {
        CustomerProfiles.Change change = decoder.profile(record(
                Topics.PROFILES_SKIN,
                customerId,
                "profileChanged",
                EventContracts.sampleBytes(Topics.PROFILES_SKIN, sample)));
        assertThat(change.customerId()).isEqualTo(customerId);
        return change.profile();
    }

    @Test
    void theProductSamplesDecodeToWhatTheySay() throws Exception {
        ProductState serum = product("serum.json", "SER-VITC15-30");
        assertThat(serum.sku()).isEqualTo("SER-VITC15-30");
        assertThat(serum.version()).isEqualTo(4);
        assertThat(serum.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(serum.category()).isEqualTo(Category.SERUM);
        assertThat(serum.brand()).isEqualTo("Lumen Lab");
        assertThat(serum.names())
                .containsOnlyKeys("en", "tl", "lv")
                .containsEntry("lv", "Bright C 15 serums ar C vitamīnu");
        assertThat(serum.descriptions().get("en")).startsWith("A 15% L-ascorbic acid serum");
        assertThat(serum.ingredients()).hasSize(10);
        assertThat(serum.ingredients().get(1).inci()).isEqualTo("Ascorbic Acid");
        assertThat(serum.ingredients().get(1).percent()).isEqualByComparingTo("15");
        assertThat(serum.ingredients().get(0).percent()).isNull();
        assertThat(serum.actives())
                .extracting(ActiveStrength::code)
                .containsExactly(Active.VITAMIN_C, Active.HYALURONIC_ACID);
        assertThat(serum.actives().get(0).form()).isEqualTo("Ascorbic Acid");
        assertThat(serum.containsFragrance()).isFalse();
        assertThat(serum.concerns()).containsExactly(Concern.DULLNESS, Concern.DARK_SPOTS);
        assertThat(serum.skinTypes()).containsExactly(SkinType.OILY, SkinType.COMBINATION, SkinType.NORMAL);
        assertThat(serum.areas()).containsExactly(Area.FACE);
        assertThat(serum.timeOfDay()).isEqualTo(TimeOfDay.AM);
        assertThat(serum.spf()).isNull();
        assertThat(serum.format()).isEqualTo(ProductFormat.DROPPER);
        assertThat(serum.texture()).isEqualTo(Texture.SERUM);
        assertThat(serum.size().amount()).isEqualByComparingTo("30");
        assertThat(serum.size().unit()).isEqualTo(SizeUnit.ML);
        assertThat(serum.price().amount()).isEqualTo(new BigDecimal("39.90"));
        assertThat(serum.price().currency()).isEqualTo("EUR");
        assertThat(serum.stock()).isEqualTo(112);
        assertThat(serum.updatedAt()).isEqualTo(Instant.parse("2026-11-28T09:41:17.482913Z"));
        assertThat(serum.unrecognizedIngredients()).isEmpty();

        ProductState discontinued = product("serum-discontinued.json", "SER-RETI03-30");
        assertThat(discontinued.status()).isEqualTo(ProductStatus.DISCONTINUED);
        assertThat(discontinued.stock()).isZero();
        assertThat(discontinued.actives()).extracting(ActiveStrength::code).contains(Active.RETINOID);

        ProductState sunscreen = product("sunscreen-english-only.json", "SUN-DAILY50-50");
        assertThat(sunscreen.spf()).isEqualTo(50);
        assertThat(sunscreen.names()).containsOnlyKeys("en");
        assertThat(sunscreen.containsFragrance()).isTrue();
        assertThat(sunscreen.areas()).containsExactly(Area.FACE, Area.HANDS);

        ProductState cleanser = product("cleanser-without-texture.json", "CLN-CALM-150");
        assertThat(cleanser.texture()).isNull();
        assertThat(cleanser.concerns()).isEmpty();
        assertThat(cleanser.actives()).isEmpty();
        assertThat(cleanser.unrecognizedIngredients()).containsExactly("Kalanchoe Pinnata Leaf Extract");
        assertThat(cleanser.names()).containsOnlyKeys("en", "lv");

        ProductState moisturizer = product("moisturizer-with-spf.json", "MST-DAY30-50");
        assertThat(moisturizer.category()).isEqualTo(Category.MOISTURIZER);
        assertThat(moisturizer.spf()).isEqualTo(30);
        assertThat(moisturizer.actives()).singleElement().satisfies(active -> {
            assertThat(active.code()).isEqualTo(Active.HYALURONIC_ACID);
            assertThat(active.percent()).isNull();
            assertThat(active.trace()).isTrue();
        });
    }

    /** The loader applies what the decoder gives: products on sale and in stock can be recommended, others are held. */
    @Test
    void theProductSamplesFillACatalogueTableAsTheLoaderApplies() throws Exception {
        CatalogTable table = new CatalogTable();
        table.apply(product("serum.json", "SER-VITC15-30"));
        table.apply(product("serum-discontinued.json", "SER-RETI03-30"));
        table.apply(product("sunscreen-english-only.json", "SUN-DAILY50-50"));
        table.apply(product("cleanser-without-texture.json", "CLN-CALM-150"));
        table.apply(product("moisturizer-with-spf.json", "MST-DAY30-50"));

        assertThat(table.size()).isEqualTo(5);
        assertThat(table.available(Category.SERUM))
                .extracting(ProductState::sku)
                .containsExactly("SER-VITC15-30");
        assertThat(table.find("SER-RETI03-30"))
                .get()
                .extracting(ProductState::version)
                .isEqualTo(7L);
        assertThat(table.available(Category.SUNSCREEN))
                .extracting(ProductState::sku)
                .containsExactly("SUN-DAILY50-50");
        assertThat(table.available(Category.CLEANSER))
                .extracting(ProductState::sku)
                .containsExactly("CLN-CALM-150");
        assertThat(table.available(Category.MOISTURIZER))
                .extracting(ProductState::sku)
                .containsExactly("MST-DAY30-50");
    }

    /** A producer one release ahead adds an optional property: this build decodes the sample as before. */
    @Test
    void anUnknownPropertyInASampleIsIgnored() throws Exception {
        String ahead = new String(
                        EventContracts.sampleBytes(Topics.CATALOG_PRODUCTS, "serum.json"), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"ecoScore\": {\"grade\": \"B\"},");
        ProductState serum = decoder.product(record(
                Topics.CATALOG_PRODUCTS, "SER-VITC15-30", "productChanged", ahead.getBytes(StandardCharsets.UTF_8)));
        assertThat(serum).isEqualTo(product("serum.json", "SER-VITC15-30"));
    }

    /** A product keyed by another sku than its value's is refused: the check above is not vacuous. */
    @Test
    void aSampleUnderAnotherKeyIsPoison() {
        Assertions.assertThatThrownBy(() -> product("serum.json", "SER-OTHER-30"))
                .isInstanceOf(EventDecoder.Poison.class);
    }

    @Test
    void theProfileSamplesDecodeToWhatTheySay() throws Exception {
        SkinProfile every = profile("every-answer.json", "c-7f3a91d2e4b8");
        assertThat(every.version()).isEqualTo(3);
        assertThat(every.questionnaireVersion()).isEqualTo(1);
        assertThat(every.locale()).isEqualTo("lv");
        assertThat(every.updatedAt()).isEqualTo(Instant.parse("2026-11-29T18:22:05.614207Z"));
        Answers answers = every.answers();
        assertThat(answers.skinType()).isEqualTo(SkinType.OILY);
        assertThat(answers.sensitive()).isFalse();
        assertThat(answers.ageBand()).isEqualTo(AgeBand.AGE_35_44);
        assertThat(answers.concerns()).containsExactly(Concern.ENLARGED_PORES, Concern.SAGGING_PORES, Concern.DULLNESS);
        assertThat(answers.sunExposureHours()).isEqualByComparingTo("1.5");
        assertThat(answers.pregnantOrBreastfeeding()).isFalse();
        assertThat(answers.avoidIngredients()).containsExactly("Fragrance", "Retinol");
        assertThat(answers.areas()).containsExactly(Area.FACE, Area.HANDS);
        assertThat(answers.budget().amount()).isEqualTo(new BigDecimal("160.00"));
        assertThat(answers.budget().currency()).isEqualTo("EUR");
        assertThat(answers.marketingConsent()).isTrue();

        SkinProfile none = profile("no-optional-answers.json", "c-0b5e27a9c341");
        assertThat(none.answers().ageBand()).isEqualTo(AgeBand.AGE_55_PLUS);
        assertThat(none.answers().pregnantOrBreastfeeding()).isFalse();
        assertThat(none.answers().avoidIngredients()).isEmpty();
        assertThat(none.answers().budget()).isNull();
        assertThat(none.answers().sunExposureHours()).isEqualByComparingTo("0");
        assertThat(none.answers().marketingConsent()).isFalse();
    }

    /** The tombstone as asyncapi.yaml's example has it: the erasure of everything up to ce_aggregateversion. */
    @Test
    void theErasureExampleDecodesToAnErasureUpToItsVersion() throws Exception {
        CustomerProfiles.Change erasure =
                decoder.profile(record(Topics.PROFILES_SKIN, "c-7f3a91d2e4b8", "profileErased", null));
        assertThat(erasure.profile()).isNull();
        assertThat(erasure.customerId()).isEqualTo("c-7f3a91d2e4b8");
        assertThat(erasure.erasedVersion()).isEqualTo(4);
        assertThat(List.of(EventContracts.exampleHeaders("profileErased").get("ce_aggregateversion")))
                .containsExactly("4");
    }
}
