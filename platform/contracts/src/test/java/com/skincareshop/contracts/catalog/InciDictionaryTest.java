package com.skincareshop.contracts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.contracts.vocabulary.Active;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InciDictionaryTest {

    /** The demo catalogue of catalog-service, read from the source tree: the build runs tests in the module folder. */
    private static final Path DEMO_CATALOGUE = Path.of("../../catalog-service/src/main/resources/demo/catalog.ndjson");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Ingredient at(String inci) {
        return new Ingredient(inci, null);
    }

    private static Ingredient at(String inci, String percent) {
        return new Ingredient(inci, new BigDecimal(percent));
    }

    private static String canonicalOf(String labelName) {
        return InciDictionary.lookup(labelName)
                .map(InciDictionary.Entry::canonical)
                .orElse(null);
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // case, spacing, dash variants, diacritics, full-width letters
                "'  SODIUM   hyaluronate ' | Sodium Hyaluronate",
                "Palmitoyl Tripeptide – 1 | Palmitoyl Tripeptide-1",
                "Palmitoyl Tripeptide‐1 | Palmitoyl Tripeptide-1",
                "Palmitoyl Tripeptide‑1 | Palmitoyl Tripeptide-1",
                "Palmitoyl Tripeptide—1 | Palmitoyl Tripeptide-1",
                "Palmitoyl Tripeptide−1 | Palmitoyl Tripeptide-1",
                "Rétinol | Retinol",
                "ＲＥＴＩＮＯＬ | Retinol",
                "Caprylic / Capric Triglyceride | Caprylic/Capric Triglyceride",
                // percentages, trailing and inline
                "Niacinamide 10% | Niacinamide",
                "Niacinamide 10 % | Niacinamide",
                "Retinol (0.3%) | Retinol",
                "Retinol 0,3% | Retinol",
                "Retinol 0.3% (Vitamin A) | Retinol",
                // parentheses: the outer name when known, else a known inner one
                "Retinol (Vitamin A) | Retinol",
                "Parfum (Fragrance) | Parfum",
                "Ascorbic Acid (Vitamin C) | Ascorbic Acid",
                "Vitamin C (Ascorbic Acid) | Ascorbic Acid",
                "Butyrospermum Parkii (Shea) Butter | Butyrospermum Parkii Butter",
                "Salix Alba (Willow) Bark Extract | Salix Alba Bark Extract",
                "Zinc Oxide [Nano] | Zinc Oxide",
                // synonyms between slashes
                "Fragrance/Parfum | Parfum",
                "Aqua/Water/Eau | Aqua",
                "Water / Aqua | Aqua",
                // stereo prefixes
                "L-Ascorbic Acid | Ascorbic Acid",
                "L-Lactic acid | Lactic Acid",
                "D-Panthenol | Panthenol",
                "DL-Panthenol | Panthenol",
                "d-Limonene | Limonene",
                // Colour Index numbers
                "CI 77019 | Mica",
                "C.I. 77891 | Titanium Dioxide",
                "CI77491 | CI 77491",
                "CI 77492 | CI 77492",
                "CI 77499 | CI 77499",
                "CI 77491/77492/77499 | CI 77491",
                "Iron Oxides (CI 77491, CI 77492) | Iron Oxides",
                // footnote marks, stray dots and commas
                "Aloe Barbadensis Leaf Juice* | Aloe Barbadensis Leaf Juice",
                "Lavandula Angustifolia Oil** | Lavandula Angustifolia Oil",
                "Simmondsia Chinensis Seed Oil† | Simmondsia Chinensis Seed Oil",
                "Glycerin. | Glycerin",
                "'Glycerin, ' | Glycerin",
                "Alcohol Denat | Alcohol Denat.",
            })
    void readsLabelSpellings(String labelName, String canonical) {
        assertThat(canonicalOf(labelName)).isEqualTo(canonical);
        assertThat(InciDictionary.normalize(labelName)).isEqualTo(InciDictionary.normalize(canonical));
    }

    @Test
    void normalizeIsOneKeyPerIngredient() {
        assertThat(InciDictionary.normalize("Aqua")).isEqualTo("aqua").isEqualTo(InciDictionary.normalize("WATER"));
        assertThat(InciDictionary.normalize("Retinaldehyde")).isEqualTo(InciDictionary.normalize("Retinal"));
        assertThat(InciDictionary.normalize("Retinol")).isNotEqualTo(InciDictionary.normalize("Retinal"));
        // an unknown name folds as text, its parentheses kept
        assertThat(InciDictionary.normalize("  Mystery   Extract (Foo) 2%* ")).isEqualTo("mystery extract (foo)");
        assertThat(InciDictionary.normalize("Mystery Extract (Foo)"))
                .isNotEqualTo(InciDictionary.normalize("Mystery Extract (Bar)"));
    }

    @Test
    void readsAmpersandsAndAndAsMixtures() {
        assertThat(canonicalOf("Cetearyl Alcohol & Cetearyl Glucoside")).isEqualTo("Cetearyl Alcohol");
        assertThat(InciDictionary.normalize("Cetearyl Alcohol & Cetearyl Glucoside"))
                .isEqualTo(InciDictionary.normalize("cetearyl alcohol (and) cetearyl glucoside"))
                .isEqualTo(InciDictionary.normalize("Cetearyl Alcohol and Cetearyl Glucoside"));
        // the part that carries a class is what the line stands for
        assertThat(InciDictionary.activeOf("Bakuchiol & Retinol")).contains(Active.RETINOID);
        assertThat(InciDictionary.derive(List.of(at("Glycerin (and) Retinol 0.2%"))))
                .containsExactly(new ActiveStrength(Active.RETINOID, new BigDecimal("0.2"), "Retinol", false));
        // one unknown part makes the line unknown, but the known parts still count
        assertThat(InciDictionary.lookup("Mystery Extract & Linalool")).isEmpty();
        assertThat(InciDictionary.unrecognized(List.of(at("Mystery Extract & Linalool"))))
                .containsExactly("Mystery Extract & Linalool");
        assertThat(InciDictionary.derive(List.of(at("Mystery Extract & Linalool"))))
                .extracting(ActiveStrength::code)
                .containsExactly(Active.FRAGRANCE);
    }

    @ParameterizedTest(name = "\"{0}\" is {1}, {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Retinol | Retinol | RETINOID",
                "retinol 1% | Retinol | RETINOID",
                "Retinal | Retinal | RETINOID",
                "Retinaldehyde | Retinal | RETINOID",
                "Retinyl Palmitate | Retinyl Palmitate | RETINOID",
                "Retinyl Acetate | Retinyl Acetate | RETINOID",
                "Retinyl Propionate | Retinyl Propionate | RETINOID",
                "RETINYL LINOLEATE | Retinyl Linoleate | RETINOID",
                "Retinyl Retinoate | Retinyl Retinoate | RETINOID",
                "Hydroxypinacolone Retinoate | Hydroxypinacolone Retinoate | RETINOID",
                "Tretinoin | Tretinoin | RETINOID",
                "Retinoic Acid | Tretinoin | RETINOID",
                "Adapalene 0.1% | Adapalene | RETINOID",
                "Tazarotene | Tazarotene | RETINOID",
                "Salicylic Acid | Salicylic Acid | BHA",
                "salicylic acid (2%) | Salicylic Acid | BHA",
                "Betaine Salicylate | Betaine Salicylate | BHA",
                "Sodium Salicylate | Sodium Salicylate | BHA",
                "Capryloyl Salicylic Acid | Capryloyl Salicylic Acid | BHA",
                "Salix Alba Bark Extract | Salix Alba Bark Extract | BHA",
                "Willow Bark Extract | Salix Alba Bark Extract | BHA",
                "Ascorbic Acid | Ascorbic Acid | VITAMIN_C",
                "L-Ascorbic Acid 15% | Ascorbic Acid | VITAMIN_C",
                "Sodium Ascorbyl Phosphate | Sodium Ascorbyl Phosphate | VITAMIN_C",
                "Magnesium Ascorbyl Phosphate | Magnesium Ascorbyl Phosphate | VITAMIN_C",
                "Ascorbyl Glucoside | Ascorbyl Glucoside | VITAMIN_C",
                "Ascorbyl Palmitate | Ascorbyl Palmitate | VITAMIN_C",
                "Sodium Ascorbate | Sodium Ascorbate | VITAMIN_C",
                "Ascorbyl Tetraisopalmitate | Ascorbyl Tetraisopalmitate | VITAMIN_C",
                "Tetrahexyldecyl Ascorbate | Ascorbyl Tetraisopalmitate | VITAMIN_C",
                "3-O-Ethyl Ascorbic Acid | 3-O-Ethyl Ascorbic Acid | VITAMIN_C",
                "Ethyl Ascorbic Acid | 3-O-Ethyl Ascorbic Acid | VITAMIN_C",
                "Glycolic Acid | Glycolic Acid | AHA",
                "Lactic Acid | Lactic Acid | AHA",
                "L-Lactic Acid | Lactic Acid | AHA",
                "Mandelic Acid | Mandelic Acid | AHA",
                "Tartaric Acid | Tartaric Acid | AHA",
                "Malic Acid | Malic Acid | AHA",
                "Citric Acid | Citric Acid | AHA",
                "Gluconolactone | Gluconolactone | PHA",
                "Lactobionic Acid | Lactobionic Acid | PHA",
                "Niacinamide | Niacinamide | NIACINAMIDE",
                "Nicotinamide | Niacinamide | NIACINAMIDE",
                "Palmitoyl Tripeptide-1 | Palmitoyl Tripeptide-1 | PEPTIDES",
                "Palmitoyl Tetrapeptide-7 | Palmitoyl Tetrapeptide-7 | PEPTIDES",
                "Palmitoyl Pentapeptide-4 | Palmitoyl Pentapeptide-4 | PEPTIDES",
                "Palmitoyl Tripeptide-5 | Palmitoyl Tripeptide-5 | PEPTIDES",
                "Acetyl Hexapeptide-8 | Acetyl Hexapeptide-8 | PEPTIDES",
                "Acetyl Hexapeptide-3 | Acetyl Hexapeptide-8 | PEPTIDES",
                "Copper Tripeptide-1 | Copper Tripeptide-1 | PEPTIDES",
                "sh-Oligopeptide-1 | sh-Oligopeptide-1 | GROWTH_FACTORS",
                "SH-Oligopeptide-1 | sh-Oligopeptide-1 | GROWTH_FACTORS",
                "Human Fibroblast Conditioned Media | Human Fibroblast Conditioned Media | GROWTH_FACTORS",
                "Sodium Hyaluronate | Sodium Hyaluronate | HYALURONIC_ACID",
                "Hyaluronic Acid | Hyaluronic Acid | HYALURONIC_ACID",
                "Hydrolyzed Hyaluronic Acid | Hydrolyzed Hyaluronic Acid | HYALURONIC_ACID",
                "Hydrolysed Hyaluronic Acid | Hydrolyzed Hyaluronic Acid | HYALURONIC_ACID",
                "Sodium Acetylated Hyaluronate | Sodium Acetylated Hyaluronate | HYALURONIC_ACID",
                "Camellia Sinensis Leaf Extract | Camellia Sinensis Leaf Extract | GREEN_TEA",
                "Camellia Sinensis (Green Tea) Leaf Extract | Camellia Sinensis Leaf Extract | GREEN_TEA",
                "Mica | Mica | REFLECTIVE_MINERALS",
                "CI 77019 | Mica | REFLECTIVE_MINERALS",
                "Pearl Powder | Pearl Powder | REFLECTIVE_MINERALS",
                "Benzoyl Peroxide 2.5% | Benzoyl Peroxide | BENZOYL_PEROXIDE",
                "Parfum | Parfum | FRAGRANCE",
                "Fragrance | Parfum | FRAGRANCE",
                "Parfum (Fragrance) | Parfum | FRAGRANCE",
                "Aroma | Aroma | FRAGRANCE",
                "Flavor | Aroma | FRAGRANCE",
                "Lavandula Angustifolia (Lavender) Oil | Lavandula Angustifolia Oil | FRAGRANCE",
                "Lavender Oil | Lavandula Angustifolia Oil | FRAGRANCE",
                "Citrus Aurantium Dulcis (Orange) Peel Oil | Citrus Aurantium Dulcis Peel Oil | FRAGRANCE",
                "Citrus Limon (Lemon) Peel Oil | Citrus Limon Peel Oil | FRAGRANCE",
                "Citrus Aurantium Bergamia (Bergamot) Fruit Oil | Citrus Aurantium Bergamia Fruit Oil | FRAGRANCE",
                "Mentha Piperita (Peppermint) Oil | Mentha Piperita Oil | FRAGRANCE",
                "Melaleuca Alternifolia (Tea Tree) Leaf Oil | Melaleuca Alternifolia Leaf Oil | FRAGRANCE",
                "Tea Tree Oil | Melaleuca Alternifolia Leaf Oil | FRAGRANCE",
                "Rosa Damascena Flower Oil | Rosa Damascena Flower Oil | FRAGRANCE",
                "Eucalyptus Globulus Leaf Oil | Eucalyptus Globulus Leaf Oil | FRAGRANCE",
                "Cananga Odorata Flower Oil | Cananga Odorata Flower Oil | FRAGRANCE",
                "Pelargonium Graveolens Oil | Pelargonium Graveolens Oil | FRAGRANCE",
                "Rosmarinus Officinalis (Rosemary) Leaf Oil | Rosmarinus Officinalis Leaf Oil | FRAGRANCE",
                "Cymbopogon Flexuosus Oil | Cymbopogon Flexuosus Oil | FRAGRANCE",
            })
    void knowsTheClassOfEachIngredient(String labelName, String canonical, Active active) {
        assertThat(InciDictionary.lookup(labelName)).contains(new InciDictionary.Entry(canonical, active));
        assertThat(InciDictionary.activeOf(labelName)).contains(active);
        assertThat(InciDictionary.inciNamesOf(active)).contains(canonical);
    }

    @Test
    void everyLabelledFragranceAllergenOfTheEuIsFragrance() {
        List<String> annexIII = List.of(
                "Amyl Cinnamal",
                "Benzyl Alcohol",
                "Cinnamyl Alcohol",
                "Citral",
                "Eugenol",
                "Hydroxycitronellal",
                "Isoeugenol",
                "Amylcinnamyl Alcohol",
                "Benzyl Salicylate",
                "Cinnamal",
                "Coumarin",
                "Geraniol",
                "Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde",
                "Anise Alcohol",
                "Benzyl Cinnamate",
                "Farnesol",
                "Butylphenyl Methylpropional",
                "Linalool",
                "Benzyl Benzoate",
                "Citronellol",
                "Hexyl Cinnamal",
                "Limonene",
                "Methyl 2-Octynoate",
                "Alpha-Isomethyl Ionone",
                "Evernia Prunastri Extract",
                "Evernia Furfuracea Extract");
        assertThat(new LinkedHashSet<>(annexIII)).hasSize(26);
        for (String allergen : annexIII) {
            assertThat(InciDictionary.lookup(allergen))
                    .as(allergen)
                    .contains(new InciDictionary.Entry(allergen, Active.FRAGRANCE));
        }
        assertThat(InciDictionary.inciNamesOf(Active.FRAGRANCE)).containsAll(annexIII);
    }

    @Test
    void lookalikesAreNotOfTheClassTheyResemble() {
        // a fragrance allergen, not an exfoliant; UV filters and emollients named salicylate neither
        assertThat(InciDictionary.activeOf("Benzyl Salicylate")).contains(Active.FRAGRANCE);
        assertThat(InciDictionary.inciNamesOf(Active.BHA))
                .doesNotContain("Benzyl Salicylate", "Ethylhexyl Salicylate", "Homosalate", "Butyloctyl Salicylate");
        assertThat(InciDictionary.lookup("Ethylhexyl Salicylate"))
                .contains(new InciDictionary.Entry("Ethylhexyl Salicylate", null));
        // sold as a retinol alternative, known, but no retinoid
        assertThat(InciDictionary.lookup("Bakuchiol")).contains(new InciDictionary.Entry("Bakuchiol", null));
        assertThat(InciDictionary.inciNamesOf(Active.RETINOID)).doesNotContain("Bakuchiol");
        // a plant extract is not its essential oil
        assertThat(InciDictionary.activeOf("Rosmarinus Officinalis Leaf Extract"))
                .isEmpty();
        assertThat(InciDictionary.activeOf("Rosmarinus Officinalis Leaf Oil")).contains(Active.FRAGRANCE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Squalane",
                "Simmondsia Chinensis Seed Oil",
                "Simmondsia Chinensis (Jojoba) Seed Oil",
                "Jojoba Oil",
                "Argania Spinosa Kernel Oil",
                "Argan Oil",
                "Rosa Canina Fruit Oil",
                "Prunus Amygdalus Dulcis Oil",
                "Helianthus Annuus Seed Oil",
                "Caprylic/Capric Triglyceride",
                "Butyrospermum Parkii Butter"
            })
    void carrierOilsAreKnownAndNotFragrance(String carrier) {
        assertThat(InciDictionary.lookup(carrier)).as(carrier).isPresent();
        assertThat(InciDictionary.activeOf(carrier)).as(carrier).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Aqua",
                "Water",
                "Glycerin",
                "Butylene Glycol",
                "Propanediol",
                "Pentylene Glycol",
                "Dimethicone",
                "Cetearyl Alcohol",
                "Phenoxyethanol",
                "Ethylhexylglycerin",
                "Xanthan Gum",
                "Carbomer",
                "Sodium Hydroxide",
                "Tocopherol",
                "Panthenol",
                "Allantoin",
                "Ceramide NP",
                "Ceramide AP",
                "Ceramide EOP",
                "Cholesterol",
                "Zinc Oxide",
                "Titanium Dioxide",
                "Ethylhexyl Methoxycinnamate",
                "Octocrylene",
                "Bis-Ethylhexyloxyphenol Methoxyphenyl Triazine",
                "Butyl Methoxydibenzoylmethane",
                "Homosalate",
                "Sodium Laureth Sulfate",
                "Cocamidopropyl Betaine",
                "Centella Asiatica Extract",
                "Aloe Barbadensis Leaf Juice",
                "Hamamelis Virginiana Water"
            })
    void ordinaryIngredientsAreKnownWithoutAClass(String ordinary) {
        assertThat(InciDictionary.lookup(ordinary)).as(ordinary).isPresent();
        assertThat(InciDictionary.activeOf(ordinary)).as(ordinary).isEmpty();
    }

    @Test
    void anActiveWithoutAStrengthAfterTheFifthPositionIsATrace() {
        List<ActiveStrength> actives = InciDictionary.derive(List.of(
                at("Aqua"),
                at("Glycerin"),
                at("Butylene Glycol"),
                at("Propanediol"),
                at("Niacinamide"), // fifth: not a trace, strength unknown
                at("Sodium Hyaluronate"), // sixth, no strength: a humectant
                at("Pentylene Glycol"),
                at("Retinol", "0.1"), // late, but its strength is declared
                at("Camellia Sinensis Leaf Extract 2%"), // declared in its name
                at("Linalool"))); // a trace still counts as fragrance

        assertThat(actives)
                .containsExactly(
                        new ActiveStrength(Active.NIACINAMIDE, null, "Niacinamide", false),
                        new ActiveStrength(Active.HYALURONIC_ACID, null, "Sodium Hyaluronate", true),
                        new ActiveStrength(Active.RETINOID, new BigDecimal("0.1"), "Retinol", false),
                        new ActiveStrength(
                                Active.GREEN_TEA, new BigDecimal("2"), "Camellia Sinensis Leaf Extract", false),
                        new ActiveStrength(Active.FRAGRANCE, null, "Linalool", true));
        assertThat(InciDictionary.TRACE_AFTER_POSITION).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Menthol",
                "Camphor",
                "Linalyl Acetate",
                "Rose Water",
                "Lavandula Angustifolia Flower Water",
                "Cupressus Sempervirens Oil",
                "Myroxylon Pereirae Resin"
            })
    void perfumingWatersNewlyLabelledAllergensAndMoreEssentialOilsAreFragrance(String name) {
        assertThat(InciDictionary.activeOf(name)).as(name).contains(Active.FRAGRANCE);
    }

    @Test
    void peptidesAndGrowthFactorsLowInTheListAreTheirNormalDoseNotATrace() {
        List<ActiveStrength> actives = InciDictionary.derive(List.of(
                at("Aqua"),
                at("Glycerin"),
                at("Butylene Glycol"),
                at("Propanediol"),
                at("Pentylene Glycol"),
                at("Palmitoyl Tripeptide-1"),
                at("sh-Oligopeptide-1"),
                at("Sodium Hyaluronate")));
        assertThat(actives).extracting(ActiveStrength::trace).containsExactly(false, false, true);
    }

    @Test
    void oneEntryPerFormInOrderOfFirstAppearance() {
        List<ActiveStrength> actives = InciDictionary.derive(List.of(
                at("Aqua"),
                at("Sodium Ascorbyl Phosphate", "5"),
                at("Ascorbic Acid", "10"),
                at("Retinal", "0.05"),
                at("Retinaldehyde", "0.05"), // the same form under another name: one entry, strengths summed
                at("Parfum"), // sixth: a trace...
                at("Fragrance"))); // ...and the same form

        assertThat(actives)
                .containsExactly(
                        new ActiveStrength(Active.VITAMIN_C, new BigDecimal("5"), "Sodium Ascorbyl Phosphate", false),
                        new ActiveStrength(Active.VITAMIN_C, new BigDecimal("10"), "Ascorbic Acid", false),
                        new ActiveStrength(Active.RETINOID, new BigDecimal("0.10"), "Retinal", false),
                        new ActiveStrength(Active.FRAGRANCE, null, "Parfum", true));
    }

    @Test
    void aFormListedTwiceIsATraceOnlyIfBothAre() {
        List<Ingredient> twice = new ArrayList<>(List.of(
                at("Aqua"),
                at("Glycerin"),
                at("Propanediol"),
                at("Butylene Glycol"),
                at("Pentylene Glycol"),
                at("Sodium Hyaluronate"),
                at("Hyaluronic Acid")));
        assertThat(InciDictionary.derive(twice))
                .extracting(ActiveStrength::trace)
                .containsExactly(true, true);
        twice.add(at("Hyaluronic Acid (1%)"));
        assertThat(InciDictionary.derive(twice))
                .containsExactly(
                        new ActiveStrength(Active.HYALURONIC_ACID, null, "Sodium Hyaluronate", true),
                        new ActiveStrength(Active.HYALURONIC_ACID, new BigDecimal("1"), "Hyaluronic Acid", false));
    }

    @Test
    void citricAcidAsPhAdjusterIsNotAnExfoliant() {
        assertThat(InciDictionary.derive(List.of(at("Citric Acid")))).isEmpty();
        assertThat(InciDictionary.derive(List.of(at("Citric Acid", "0.2")))).isEmpty();
        assertThat(InciDictionary.derive(List.of(at("Citric Acid 0.5%")))).isEmpty();
        assertThat(InciDictionary.derive(List.of(at("Citric Acid", "5"))))
                .containsExactly(new ActiveStrength(Active.AHA, new BigDecimal("5"), "Citric Acid", false));
        assertThat(InciDictionary.derive(List.of(at("Citric Acid 5%"))))
                .containsExactly(new ActiveStrength(Active.AHA, new BigDecimal("5"), "Citric Acid", false));
    }

    @Test
    void theDeclaredPercentageWinsOverTheOneInTheName() {
        assertThat(InciDictionary.derive(List.of(at("Niacinamide 10%", "5"))))
                .containsExactly(new ActiveStrength(Active.NIACINAMIDE, new BigDecimal("5"), "Niacinamide", false));
    }

    @Test
    void listsTheNamesItDoesNotKnowAsGivenAndInOrder() {
        List<Ingredient> label = List.of(
                at("Aqua"),
                at("Snake Oil Extract"),
                at("Glycerin"),
                at("Retinol", "0.3"),
                at("  mystery (blend) 2% "),
                at("Parfum*"));
        assertThat(InciDictionary.unrecognized(label)).containsExactly("Snake Oil Extract", "  mystery (blend) 2% ");
        assertThat(InciDictionary.lookup("Snake Oil Extract")).isEmpty();
        assertThat(InciDictionary.activeOf("Snake Oil Extract")).isEmpty();
        assertThat(InciDictionary.unrecognized(List.of(at("Aqua"), at("Glycerin"))))
                .isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" means {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "fragrance | FRAGRANCE",
                "Parfum | FRAGRANCE",
                "perfume | FRAGRANCE",
                "Scent | FRAGRANCE",
                "essential oils | FRAGRANCE",
                "Pabango (fragrance) | FRAGRANCE",
                "Smaržvielas (parfīms) | FRAGRANCE",
                "smarzvielas (parfims) | FRAGRANCE",
                "retinoid | RETINOID",
                "Retinoids | RETINOID",
                "vitamin a | RETINOID",
                "Retinol (Vitamin A) | RETINOID",
                "Retinol (bitamina A) | RETINOID",
                "Retinols (A vitamīns) | RETINOID",
                "'  RETINOL  ( vitamin a ) ' | RETINOID",
                "Retinoids (retinol and every other vitamin A form) | RETINOID",
                "Retinoīdi (retinols un visas citas A vitamīna formas) | RETINOID",
                "vitamin c | VITAMIN_C",
                "Bitamina C | VITAMIN_C",
                "AHA | AHA",
                "AHAs | AHA",
                "alpha hydroxy acid | AHA",
                "Alpha Hydroxy Acids | AHA",
                "bha | BHA",
                "Beta Hydroxy Acid | BHA",
                "salicylates | BHA",
                "PHA | PHA",
                "polyhydroxy acids | PHA",
                "peptides | PEPTIDES",
                "Growth Factors | GROWTH_FACTORS",
                "vitamin b3 | NIACINAMIDE",
            })
    void namesOfWholeClasses(String customerText, Active active) {
        assertThat(InciDictionary.classNamed(customerText)).contains(active);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Retinol",
                "retinol",
                "Retinols",
                "Retinal",
                "Salicylic Acid",
                "Glycolic Acid",
                "Ascorbic Acid",
                "Linalool",
                "Aqua",
                "Retinol 0.3%",
                "Salicylic acid (BHA na pang-exfoliate)",
                "Ascorbic acid (bitamina C)"
            })
    void anIngredientNameIsNoClassName(String inci) {
        assertThat(InciDictionary.classNamed(inci)).isEmpty();
    }

    /**
     * A customer picks these suggestions in her language: each label must mean what its code means, a whole class
     * ("Fragrance", "Retinoids") or one known ingredient ("Salicylic Acid").
     */
    @Test
    void everyAvoidSuggestionOfTheQuestionnaireMeansWhatItsCodeMeans() throws IOException {
        JsonNode questionnaire;
        try (InputStream in = getClass().getResourceAsStream("/questionnaire/v1.json")) {
            questionnaire = JSON.readTree(in);
        }
        int labels = 0;
        for (JsonNode question : questionnaire.get("questions")) {
            if (!question.get("id").asText().equals("avoidIngredients")) {
                continue;
            }
            for (JsonNode suggestion : question.get("suggestions")) {
                String code = suggestion.get("code").asText();
                Optional<Active> wholeClass = InciDictionary.classNamed(code);
                Optional<String> ingredient = InciDictionary.lookup(code).map(InciDictionary.Entry::canonical);
                assertThat(wholeClass.isPresent() || ingredient.isPresent())
                        .as(code)
                        .isTrue();
                for (JsonNode label : suggestion.get("label")) {
                    assertThat(InciDictionary.classNamed(label.asText()))
                            .as(label.asText())
                            .isEqualTo(wholeClass);
                    if (wholeClass.isEmpty()) {
                        assertThat(InciDictionary.lookup(label.asText()).map(InciDictionary.Entry::canonical))
                                .as(label.asText())
                                .isEqualTo(ingredient);
                    }
                    labels++;
                }
            }
        }
        assertThat(labels).isGreaterThan(10);
    }

    @Test
    void listsTheCanonicalNamesOfAClassSorted() {
        assertThat(InciDictionary.inciNamesOf(Active.RETINOID))
                .contains("Retinol", "Retinal", "Retinyl Palmitate", "Hydroxypinacolone Retinoate", "Tretinoin")
                .doesNotContain("Retinaldehyde", "Bakuchiol")
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(InciDictionary.inciNamesOf(Active.PHA)).contains("Gluconolactone", "Lactobionic Acid");
        for (Active active : Active.values()) {
            assertThat(InciDictionary.inciNamesOf(active)).as(active.name()).isNotEmpty();
        }
    }

    @Test
    void everyIngredientOfTheDemoCatalogueIsKnown() throws IOException {
        assertThat(DEMO_CATALOGUE)
                .as("the demo catalogue, relative to " + Path.of("").toAbsolutePath())
                .exists();
        Set<String> names = new LinkedHashSet<>();
        for (String line : Files.readAllLines(DEMO_CATALOGUE)) {
            if (!line.isBlank()) {
                JSON.readTree(line)
                        .get("ingredients")
                        .forEach(i -> names.add(i.get("inci").asText()));
            }
        }
        assertThat(names).hasSizeGreaterThan(100);
        assertThat(InciDictionary.unrecognized(
                        names.stream().map(InciDictionaryTest::at).toList()))
                .isEmpty();
    }
}
