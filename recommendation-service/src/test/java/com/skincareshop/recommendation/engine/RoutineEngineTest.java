package com.skincareshop.recommendation.engine;

import static com.skincareshop.recommendation.engine.TestCatalog.answers;
import static com.skincareshop.recommendation.engine.TestCatalog.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of docs/domain.md, on catalogues small enough to reason about. */
class RoutineEngineTest {

    private final RoutineEngine engine = new RoutineEngine(RoutinePolicy.defaults());

    private Routine build(Answers answers, TestCatalog catalog) {
        return build(answers, catalog, "en");
    }

    private Routine build(Answers answers, TestCatalog catalog, String locale) {
        return engine.build("c-1", 3L, answers, locale, catalog);
    }

    private static List<String> skus(List<Routine.Step> steps) {
        return steps.stream().map(s -> s.product().sku()).toList();
    }

    private static List<Category> slots(List<Routine.Step> steps) {
        return steps.stream().map(Routine.Step::slot).toList();
    }

    private static List<WarningCode> warnings(Routine routine) {
        return routine.warnings().stream().map(Routine.Warning::code).toList();
    }

    private static Optional<Routine.Step> step(List<Routine.Step> steps, String sku) {
        return steps.stream().filter(s -> s.product().sku().equals(sku)).findFirst();
    }

    private static List<ReasonCode> reasons(Routine.Step step) {
        return step.reasons().stream().map(Routine.Reason::code).toList();
    }

    private static final ProductState VITAMIN_C_15 = product("SER-C15", Category.SERUM, "30.00")
            .inci("Ascorbic Acid", "15")
            .concerns(Concern.DARK_SPOTS)
            .timeOfDay(TimeOfDay.AM)
            .build();
    private static final ProductState RETINOL_05 = product("SER-RET05", Category.SERUM, "35.00")
            .inci("Retinol", "0.5")
            .timeOfDay(TimeOfDay.PM)
            .build();
    private static final ProductState GLYCOLIC_EXFOLIANT = product("EXF-GLY7", Category.EXFOLIANT, "18.00")
            .inci("Glycolic Acid", "7")
            .timeOfDay(TimeOfDay.PM)
            .build();

    @Nested
    class Assembly {

        @Test
        void morningIsCleanserSerumMoisturizerSunscreenAndEveningCleanserSerumMoisturizer() {
            Routine routine = build(
                    answers().concerns(Concern.DEHYDRATION).build(),
                    TestCatalog.basics(product("SER-HA", Category.SERUM, "20.00")
                            .inci("Sodium Hyaluronate", "1")
                            .build()));

            assertThat(slots(routine.am()))
                    .containsExactly(Category.CLEANSER, Category.SERUM, Category.MOISTURIZER, Category.SUNSCREEN);
            assertThat(slots(routine.pm())).containsExactly(Category.CLEANSER, Category.SERUM, Category.MOISTURIZER);
            assertThat(routine.am()).extracting(Routine.Step::step).containsExactly(1, 2, 3, 4);
            assertThat(routine.am().get(1).usage())
                    .isEqualTo("Apply a few drops to clean skin, then follow with moisturizer.");
            // the total counts each product once although cleanser, serum and moisturizer appear twice
            assertThat(routine.total().amount()).isEqualByComparingTo("58.00");
            assertThat(routine.total().currency()).isEqualTo("EUR");
            assertThat(routine.customerId()).isEqualTo("c-1");
            assertThat(routine.profileVersion()).isEqualTo(3L);
            assertThat(routine.warnings()).isEmpty();
        }

        @Test
        void vitaminCInTheMorningRetinoidInTheEvening() {
            Routine routine = build(
                    answers().concerns(Concern.DARK_SPOTS, Concern.FINE_LINES).build(),
                    TestCatalog.basics(VITAMIN_C_15, RETINOL_05));

            assertThat(skus(routine.am())).contains("SER-C15").doesNotContain("SER-RET05");
            assertThat(skus(routine.pm())).contains("SER-RET05").doesNotContain("SER-C15");
            assertThat(step(routine.am(), "SER-C15").orElseThrow().usage())
                    .contains("morning")
                    .contains("sunscreen");
            assertThat(step(routine.pm(), "SER-RET05").orElseThrow().usage()).contains("evening");
        }

        @Test
        void atMostThreeSerumsAndNoTwoWithTheSameStrongActive() {
            Routine routine = build(
                    answers()
                            .concerns(
                                    Concern.DARK_SPOTS,
                                    Concern.DEHYDRATION,
                                    Concern.FIRMNESS,
                                    Concern.CLOGGED_PORES,
                                    Concern.ENLARGED_PORES)
                            .build(),
                    TestCatalog.basics(
                            VITAMIN_C_15,
                            product("SER-C20", Category.SERUM, "40.00")
                                    .inci("Ascorbic Acid", "20")
                                    .build(),
                            product("SER-HA", Category.SERUM, "20.00")
                                    .inci("Sodium Hyaluronate", "1")
                                    .build(),
                            product("SER-PEP", Category.SERUM, "45.00")
                                    .inci("Palmitoyl Tripeptide-1", null)
                                    .build(),
                            product("SER-SAL", Category.SERUM, "22.00")
                                    .inci("Salicylic Acid", "2")
                                    .build(),
                            product("SER-NIA", Category.SERUM, "19.00")
                                    .inci("Niacinamide", "10")
                                    .build()));

            List<String> serums = new ArrayList<>();
            routine.am().stream()
                    .filter(s -> s.slot() == Category.SERUM)
                    .forEach(s -> serums.add(s.product().sku()));
            routine.pm().stream()
                    .filter(s -> s.slot() == Category.SERUM)
                    .forEach(s -> serums.add(s.product().sku()));
            assertThat(serums.stream().distinct().count()).isEqualTo(3);
            assertThat(serums).doesNotContain("SER-C20").as("only one vitamin C serum");
        }

        @Test
        void sameInputsGiveTheSameRoutineWhateverTheCatalogueOrder() {
            Answers answers = answers()
                    .concerns(Concern.ENLARGED_PORES, Concern.DARK_SPOTS)
                    .build();
            TestCatalog catalog = TestCatalog.basics(
                    VITAMIN_C_15,
                    RETINOL_05,
                    GLYCOLIC_EXFOLIANT,
                    product("SER-NIA", Category.SERUM, "19.00")
                            .inci("Niacinamide", "10")
                            .build(),
                    // two equally good serums: the tie is broken by sku
                    product("SER-NIA-B", Category.SERUM, "19.00")
                            .inci("Niacinamide", "10")
                            .build());
            Routine first = build(answers, catalog);

            List<ProductState> shuffled = new ArrayList<>(catalog.products());
            Collections.shuffle(shuffled, new Random(42));
            Routine second = build(answers, TestCatalog.of(shuffled.toArray(ProductState[]::new)));

            assertThat(second).isEqualTo(first);
            assertThat(skus(first.am())).doesNotContain("SER-NIA-B");
        }
    }

    @Nested
    class HardFilters {

        @Test
        void outOfStockAndOtherCurrenciesAreNeverRecommended() {
            Routine routine = build(
                    answers().build(),
                    TestCatalog.basics(
                            product("SER-C20-GONE", Category.SERUM, "40.00")
                                    .inci("Ascorbic Acid", "20")
                                    .stock(0)
                                    .build(),
                            product("SER-C15-PHP", Category.SERUM, "900.00")
                                    .inci("Ascorbic Acid", "15")
                                    .currency("PHP")
                                    .build(),
                            VITAMIN_C_15));
            assertThat(skus(routine.am())).contains("SER-C15").doesNotContain("SER-C20-GONE", "SER-C15-PHP");
        }

        @Test
        void handsOnlyCustomersGetHandProducts() {
            ProductState handSerum = product("SER-HAND", Category.SERUM, "25.00")
                    .inci("Ascorbyl Glucoside", "5")
                    .areas(Area.HANDS)
                    .build();
            ProductState handCream = product("MST-HAND", Category.MOISTURIZER, "12.00")
                    .areas(Area.HANDS)
                    .build();
            ProductState handSpf = product("SUN-HAND", Category.SUNSCREEN, "13.00")
                    .spf(30)
                    .areas(Area.FACE, Area.HANDS)
                    .build();
            Routine routine = build(
                    answers().areas(Area.HANDS).build(),
                    TestCatalog.basics(VITAMIN_C_15, handSerum, handCream, handSpf));

            assertThat(skus(routine.am())).containsExactly("SER-HAND", "MST-HAND", "SUN-HAND");
            assertThat(warnings(routine)).containsExactly(WarningCode.SLOT_UNFILLED); // no hand cleanser
        }

        @Test
        void avoidingAnInciNameExcludesExactlyThatIngredient() {
            ProductState retinal = product("SER-RETAL", Category.SERUM, "38.00")
                    .inci("Retinal", "0.1")
                    .build();
            Routine routine = build(
                    answers().concerns(Concern.FINE_LINES).avoid("retinol").build(),
                    TestCatalog.basics(RETINOL_05, retinal));
            assertThat(skus(routine.pm())).contains("SER-RETAL").doesNotContain("SER-RET05");
        }

        @Test
        void avoidingRetinoidsExcludesTheWholeClass() {
            ProductState retinal = product("SER-RETAL", Category.SERUM, "38.00")
                    .inci("Retinal", "0.1")
                    .build();
            Routine routine = build(
                    answers().concerns(Concern.FINE_LINES).avoid("Retinoids").build(),
                    TestCatalog.basics(RETINOL_05, retinal));
            assertThat(skus(routine.pm())).doesNotContain("SER-RETAL", "SER-RET05");
            assertThat(warnings(routine)).contains(WarningCode.SLOT_UNFILLED);
        }

        @Test
        void avoidingFragranceExcludesEveryFragranceIngredient() {
            ProductState scented = product("SER-C15-ROSE", Category.SERUM, "30.00")
                    .inci("Ascorbic Acid", "15")
                    .inci("Linalool", null)
                    .build();
            ProductState plain = product("SER-C10", Category.SERUM, "30.00")
                    .inci("Ascorbic Acid", "10")
                    .build();
            Routine routine = build(answers().avoid("Fragrance").build(), TestCatalog.basics(scented, plain));
            assertThat(skus(routine.am())).contains("SER-C10").doesNotContain("SER-C15-ROSE");
        }

        @Test
        void pregnancyExcludesRetinoidsAndStrongSalicylicAcidAndSaysSo() {
            ProductState salicylic3 = product("SER-SAL3", Category.SERUM, "22.00")
                    .inci("Salicylic Acid", "3")
                    .build();
            ProductState salicylic2 = product("SER-SAL2", Category.SERUM, "22.00")
                    .inci("Salicylic Acid", "2")
                    .build();
            Routine routine = build(
                    answers()
                            .concerns(Concern.FINE_LINES, Concern.CLOGGED_PORES)
                            .pregnant()
                            .build(),
                    TestCatalog.basics(RETINOL_05, salicylic3, salicylic2));

            List<String> all = new ArrayList<>(skus(routine.am()));
            all.addAll(skus(routine.pm()));
            assertThat(all).contains("SER-SAL2").doesNotContain("SER-RET05", "SER-SAL3");
            assertThat(warnings(routine)).contains(WarningCode.RETINOID_EXCLUDED_PREGNANCY);
        }

        @Test
        void sensitiveSkinGetsNoFragranceAndLowerStrengthsAndAPatchTestPerActive() {
            ProductState gentleRetinol = product("SER-RET02", Category.SERUM, "30.00")
                    .inci("Retinol", "0.2")
                    .build();
            ProductState scentedCleanser = product("CLN-ROSE", Category.CLEANSER, "8.00")
                    .inci("Parfum", null)
                    .build();
            ProductState strongAha = product("EXF-GLY10", Category.EXFOLIANT, "20.00")
                    .inci("Glycolic Acid", "10")
                    .build();
            ProductState gentleAha = product("EXF-LAC5", Category.EXFOLIANT, "20.00")
                    .inci("Lactic Acid", "5")
                    .build();
            Routine routine = build(
                    answers()
                            .concerns(Concern.FINE_LINES, Concern.UNEVEN_TEXTURE)
                            .sensitive()
                            .build(),
                    TestCatalog.basics(RETINOL_05, gentleRetinol, scentedCleanser, strongAha, gentleAha));

            assertThat(skus(routine.pm()))
                    .contains("SER-RET02", "EXF-LAC5")
                    .doesNotContain("SER-RET05", "EXF-GLY10", "CLN-ROSE");
            assertThat(routine.warnings())
                    .filteredOn(w -> w.code() == WarningCode.PATCH_TEST)
                    .extracting(Routine.Warning::message)
                    .anyMatch(m -> m.contains("retinoid"))
                    .anyMatch(m -> m.contains("AHA"));
            assertThat(reasons(routine.pm().get(0))).contains(ReasonCode.GENTLE_FOR_SENSITIVE);
        }
    }

    @Nested
    class Scoring {

        @Test
        void theFirstConcernWeighsMost() {
            ProductState spots = product("SER-SPOTS", Category.SERUM, "30.00")
                    .inci("Niacinamide", "5")
                    .build();
            ProductState hydrate = product("SER-HYD", Category.SERUM, "30.00")
                    .inci("Sodium Hyaluronate", "1")
                    .build();
            Routine spotsFirst = build(
                    answers().concerns(Concern.DARK_SPOTS, Concern.DEHYDRATION).build(),
                    TestCatalog.basics(spots, hydrate));
            Routine hydrationFirst = build(
                    answers().concerns(Concern.DEHYDRATION, Concern.DARK_SPOTS).build(),
                    TestCatalog.basics(spots, hydrate));
            assertThat(spotsFirst.am().get(1).product().sku()).isEqualTo("SER-SPOTS");
            assertThat(hydrationFirst.am().get(1).product().sku()).isEqualTo("SER-HYD");
        }

        @Test
        void vitaminCTreatsPoresOnlyFromSevenPercent() {
            ProductState weak = product("SER-C5", Category.SERUM, "20.00")
                    .inci("Ascorbic Acid", "5")
                    .build();
            ProductState strong = product("SER-C12", Category.SERUM, "40.00")
                    .inci("Ascorbic Acid", "12")
                    .build();
            Routine routine =
                    build(answers().concerns(Concern.ENLARGED_PORES).build(), TestCatalog.basics(weak, strong));
            Routine.Step serum = step(routine.am(), "SER-C12").orElseThrow();
            assertThat(skus(routine.am())).doesNotContain("SER-C5");
            assertThat(reasons(serum)).contains(ReasonCode.CONCERN_MATCH, ReasonCode.ACTIVE_STRENGTH);
            assertThat(serum.reasons().get(1).message()).isEqualTo("vitamin C at 12%, a strength shown to work.");

            Routine onlyWeak = build(answers().concerns(Concern.ENLARGED_PORES).build(), TestCatalog.basics(weak));
            assertThat(skus(onlyWeak.am())).doesNotContain("SER-C5");
        }

        @Test
        void skinTypeSuitabilityDecidesBetweenEqualActives() {
            ProductState forDry = product("SER-A-DRY", Category.SERUM, "30.00")
                    .inci("Niacinamide", "5")
                    .skinTypes(SkinType.DRY)
                    .build();
            ProductState forOily = product("SER-B-OILY", Category.SERUM, "30.00")
                    .inci("Niacinamide", "5")
                    .skinTypes(SkinType.OILY)
                    .build();
            Routine routine = build(answers().skinType(SkinType.OILY).build(), TestCatalog.basics(forDry, forOily));
            Routine.Step serum = routine.am().get(1);
            assertThat(serum.product().sku()).isEqualTo("SER-B-OILY");
            assertThat(reasons(serum)).contains(ReasonCode.SKIN_TYPE_MATCH);
        }

        @Test
        void preventiveUnder35CorrectiveFrom35OrForFirmness() {
            ProductState peptides = product("SER-PEP", Category.SERUM, "45.00")
                    .inci("Palmitoyl Tripeptide-1", null)
                    .build();
            ProductState greenTea = product("SER-TEA", Category.SERUM, "45.00")
                    .inci("Camellia Sinensis Leaf Extract", null)
                    .inci("Palmitoyl Tetrapeptide-7", null)
                    .build();
            TestCatalog catalog = TestCatalog.basics(peptides, greenTea);

            Routine young = build(
                    answers()
                            .age(AgeBand.AGE_25_34)
                            .concerns(Concern.FINE_LINES)
                            .build(),
                    catalog);
            Routine older = build(
                    answers()
                            .age(AgeBand.AGE_45_54)
                            .concerns(Concern.FINE_LINES)
                            .build(),
                    catalog);
            Routine youngFirmness = build(
                    answers().age(AgeBand.UNDER_25).concerns(Concern.FIRMNESS).build(), catalog);

            assertThat(young.approach()).isEqualTo(Approach.PREVENTIVE);
            assertThat(older.approach()).isEqualTo(Approach.CORRECTIVE);
            assertThat(youngFirmness.approach()).isEqualTo(Approach.CORRECTIVE);
            assertThat(young.am().get(1).product().sku()).isEqualTo("SER-TEA"); // antioxidant first when preventive
            assertThat(reasons(young.am().get(1))).contains(ReasonCode.PREVENTIVE_CARE);
            assertThat(reasons(older.am().get(1))).contains(ReasonCode.CORRECTIVE_CARE);
        }

        @Test
        void aConcernNoProductTreatsLeavesTheSerumSlotUnfilled() {
            Routine routine = build(
                    answers().concerns(Concern.ACNE_SCARS).build(),
                    TestCatalog.basics(product("SER-HA", Category.SERUM, "20.00")
                            .inci("Sodium Hyaluronate", "1")
                            .build()));
            assertThat(slots(routine.am())).doesNotContain(Category.SERUM);
            assertThat(routine.warnings())
                    .extracting(Routine.Warning::message)
                    .contains("We have no suitable serum in stock right now, so this step is left out for now.");
        }
    }

    @Nested
    class Combinations {

        @Test
        void retinoidAndAcidTakeTurnsOnAlternateNights() {
            Routine routine = build(
                    answers()
                            .concerns(Concern.FINE_LINES, Concern.UNEVEN_TEXTURE)
                            .build(),
                    TestCatalog.basics(RETINOL_05, GLYCOLIC_EXFOLIANT));

            assertThat(slots(routine.pm()))
                    .containsExactly(Category.CLEANSER, Category.EXFOLIANT, Category.SERUM, Category.MOISTURIZER);
            Routine.Step retinoid = step(routine.pm(), "SER-RET05").orElseThrow();
            Routine.Step acid = step(routine.pm(), "EXF-GLY7").orElseThrow();
            // the retinoid ramps up on three nonconsecutive nights; the 7% acid takes three of the others
            assertThat(retinoid.frequency()).isEqualTo(Frequency.RAMP_UP);
            assertThat(retinoid.nights()).containsExactly(Weekday.MON, Weekday.WED, Weekday.FRI);
            assertThat(retinoid.rampUpWeeks()).isEqualTo(4);
            assertThat(acid.frequency()).isEqualTo(Frequency.ALTERNATE_NIGHTS);
            assertThat(acid.nights()).containsExactly(Weekday.TUE, Weekday.SAT); // Thursday and Sunday rest
            assertThat(retinoid.usage())
                    .contains(
                            "To start, 3 evenings a week (Monday, Wednesday, Friday) for the "
                                    + "first 4 weeks; once your skin is comfortable with it, you may use it on Sunday evenings too.");
            assertThat(acid.usage())
                    .endsWith("2 evenings a week (Tuesday, Saturday), never on the retinoid's evenings.");
            assertThat(routine.week())
                    .filteredOn(n -> n.night() == Weekday.SUN)
                    .first()
                    .satisfies(sunday -> assertThat(sunday.skus()).containsExactly("CLN-BASIC", "MST-BASIC"));
            assertThat(warnings(routine)).contains(WarningCode.RETINOID_ACID_ALTERNATE);
        }

        @Test
        void benzoylPeroxideInTheMorningRetinoidInTheEvening() {
            ProductState bpo = product("SER-BPO", Category.SERUM, "18.00")
                    .inci("Benzoyl Peroxide", "2.5")
                    .build();
            Routine routine = build(
                    answers()
                            .concerns(Concern.CLOGGED_PORES, Concern.FINE_LINES)
                            .build(),
                    TestCatalog.basics(bpo, RETINOL_05)
                            .with(product("CLN-BPO", Category.CLEANSER, "5.00")
                                    .inci("Benzoyl Peroxide", "4")
                                    .concerns(Concern.CLOGGED_PORES)
                                    .build()));

            assertThat(skus(routine.am())).contains("SER-BPO");
            assertThat(skus(routine.pm())).contains("SER-RET05").doesNotContain("SER-BPO", "CLN-BPO");
            assertThat(warnings(routine)).contains(WarningCode.BPO_RETINOID_SPLIT);
        }

        @Test
        void brighteningGoalGetsBrighteningCompanions() {
            ProductState brightCleanser = product("CLN-BRIGHT", Category.CLEANSER, "14.00")
                    .inci("Ascorbyl Glucoside", "1")
                    .concerns(Concern.DARK_SPOTS, Concern.DULLNESS)
                    .build();
            ProductState brightMoisturizer = product("MST-BRIGHT", Category.MOISTURIZER, "24.00")
                    .inci("Niacinamide", "4")
                    .concerns(Concern.DARK_SPOTS)
                    .build();
            Routine routine = build(
                    answers().concerns(Concern.DARK_SPOTS).build(),
                    TestCatalog.basics(VITAMIN_C_15, brightCleanser, brightMoisturizer));

            assertThat(skus(routine.am())).containsExactly("CLN-BRIGHT", "SER-C15", "MST-BRIGHT", "SUN-30");
            Routine.Step cleanser = routine.am().get(0);
            assertThat(reasons(cleanser)).contains(ReasonCode.COMPANION_FOR_GOAL);
            assertThat(cleanser.reasons().get(0).message()).contains("dark spots");
        }

        @Test
        void poresGetExfoliationAndAMoisturizerThatHydrates() {
            Routine routine = build(
                    answers()
                            .concerns(Concern.SAGGING_PORES)
                            .age(AgeBand.AGE_35_44)
                            .build(),
                    TestCatalog.basics(
                            RETINOL_05,
                            product("EXF-BHA", Category.EXFOLIANT, "18.00")
                                    .inci("Salicylic Acid", "2")
                                    .build()));

            assertThat(skus(routine.pm())).contains("EXF-BHA", "SER-RET05");
            assertThat(reasons(step(routine.pm(), "EXF-BHA").orElseThrow())).contains(ReasonCode.EXFOLIATION_FOR_PORES);
            assertThat(reasons(step(routine.pm(), "MST-BASIC").orElseThrow())).contains(ReasonCode.HYDRATION_FOR_PORES);
        }

        @Test
        void noSeparateExfoliantWhenTheSerumAlreadyIsAnAcid() {
            ProductState glycolicSerum = product("SER-GLY10", Category.SERUM, "26.00")
                    .inci("Glycolic Acid", "10")
                    .build();
            Routine routine = build(
                    answers().concerns(Concern.UNEVEN_TEXTURE).build(),
                    TestCatalog.basics(glycolicSerum, GLYCOLIC_EXFOLIANT));
            assertThat(skus(routine.pm())).contains("SER-GLY10").doesNotContain("EXF-GLY7");
            assertThat(skus(routine.am())).doesNotContain("SER-GLY10");
        }

        @Test
        void eveningOnlyCompanionsStayInTheEvening() {
            ProductState nightCream = product("MST-NIGHT", Category.MOISTURIZER, "30.00")
                    .inci("Palmitoyl Tripeptide-1", null)
                    .concerns(Concern.FINE_LINES)
                    .timeOfDay(TimeOfDay.PM)
                    .build();
            Routine routine = build(answers().concerns(Concern.FINE_LINES).build(), TestCatalog.basics(nightCream));
            assertThat(skus(routine.am())).doesNotContain("MST-NIGHT").contains("MST-BASIC");
            assertThat(skus(routine.pm())).contains("MST-NIGHT");
        }
    }

    @Nested
    class SunProtection {

        private final TestCatalog sunscreens = TestCatalog.of(
                product("CLN-BASIC", Category.CLEANSER, "9.00").build(),
                product("MST-BASIC", Category.MOISTURIZER, "15.00").build(),
                product("SUN-20", Category.SUNSCREEN, "12.00").spf(20).build(),
                product("SUN-50", Category.SUNSCREEN, "18.00").spf(50).build(),
                product("SUN-60", Category.SUNSCREEN, "22.00").spf(60).build());

        @Test
        void everyRoutineEndsWithSpf20ForDailyWear() {
            Routine routine = build(answers().sunHours(1).build(), sunscreens);
            assertThat(routine.minimumSpf()).isEqualTo(20);
            Routine.Step last = routine.am().get(routine.am().size() - 1);
            assertThat(last.slot()).isEqualTo(Category.SUNSCREEN);
            assertThat(reasons(last)).contains(ReasonCode.SPF_DAILY);
        }

        @Test
        void halfADayInTheSunNeedsSpf60() {
            Routine routine = build(answers().sunHours(5).build(), sunscreens);
            assertThat(routine.minimumSpf()).isEqualTo(60);
            Routine.Step last = routine.am().get(routine.am().size() - 1);
            assertThat(last.product().sku()).isEqualTo("SUN-60");
            assertThat(last.reasons().get(0).message()).isEqualTo("SPF 60 for about 5 hours in the sun a day.");
        }

        @Test
        void theEuLabelCapFollowsTheMarketNotTheLanguage() {
            TestCatalog euCatalogue = TestCatalog.of(sunscreens.products().stream()
                    .filter(p -> !p.sku().equals("SUN-60"))
                    .toArray(ProductState[]::new));
            for (String locale : List.of("lv", "en", "tl")) {
                Routine routine = build(answers().sunHours(6).build(), euCatalogue, locale);
                assertThat(routine.minimumSpf()).isEqualTo(60);
                assertThat(routine.am().get(routine.am().size() - 1).product().sku())
                        .as(locale)
                        .isEqualTo("SUN-50");
                assertThat(warnings(routine))
                        .as(locale)
                        .contains(WarningCode.SPF_MARKET_CAP)
                        .doesNotContain(WarningCode.SPF_BELOW_TARGET);
            }
            // a product measured at 60 (labelled "50+" in the EU) is preferred when there is one
            Routine withSixty = build(answers().sunHours(6).build(), sunscreens, "en");
            assertThat(withSixty.am().get(withSixty.am().size() - 1).product().sku())
                    .isEqualTo("SUN-60");

            // a market without the cap: SPF 50 falls short of 60, and is given with a warning rather than nothing
            RoutineEngine uncapped = new RoutineEngine(new RoutinePolicy(
                    20,
                    new BigDecimal("4"),
                    60,
                    null,
                    "EUR",
                    3,
                    new BigDecimal("0.3"),
                    new BigDecimal("5"),
                    new BigDecimal("2")));
            Routine elsewhere = uncapped.build("c-1", 3L, answers().sunHours(6).build(), "lv", euCatalogue);
            assertThat(elsewhere.am().get(elsewhere.am().size() - 1).product().sku())
                    .isEqualTo("SUN-50");
            assertThat(warnings(elsewhere))
                    .contains(WarningCode.SPF_BELOW_TARGET)
                    .doesNotContain(WarningCode.SPF_MARKET_CAP);
        }

        @Test
        void photosensitizingActivesMakeSpfMandatoryAndSayWhy() {
            Routine routine =
                    build(answers().concerns(Concern.FINE_LINES).sunHours(0).build(), sunscreens.with(RETINOL_05));
            Routine.Step last = routine.am().get(routine.am().size() - 1);
            assertThat(last.slot()).isEqualTo(Category.SUNSCREEN);
            assertThat(reasons(last)).contains(ReasonCode.SPF_REQUIRED_PHOTOSENSITIVE);
            assertThat(warnings(routine)).contains(WarningCode.SPF_REQUIRED_PHOTOSENSITIVE);
        }

        @Test
        void aMoisturizerWithEnoughSpfFillsTheSunscreenSlot() {
            TestCatalog catalog = TestCatalog.of(
                    product("CLN-BASIC", Category.CLEANSER, "9.00").build(),
                    product("MST-BASIC", Category.MOISTURIZER, "15.00").build(),
                    product("MST-SPF30", Category.MOISTURIZER, "24.00")
                            .spf(30)
                            .timeOfDay(TimeOfDay.AM)
                            .build());
            Routine routine = build(answers().build(), catalog);
            assertThat(skus(routine.am())).containsExactly("CLN-BASIC", "MST-SPF30");
            assertThat(routine.am().get(1).slot()).isEqualTo(Category.SUNSCREEN);
            assertThat(routine.am().get(1).usage()).contains("moisturizer with SPF");
            assertThat(skus(routine.pm())).containsExactly("CLN-BASIC", "MST-BASIC");
        }

        @Test
        void theTargetSoldOutGivesTheHighestSpfInStockAndSaysSo() {
            TestCatalog weakOnly = TestCatalog.of(
                    product("CLN-BASIC", Category.CLEANSER, "9.00").build(),
                    product("MST-BASIC", Category.MOISTURIZER, "15.00").build(),
                    product("SUN-60-GONE", Category.SUNSCREEN, "22.00")
                            .spf(60)
                            .stock(0)
                            .build(),
                    product("SUN-20", Category.SUNSCREEN, "12.00").spf(20).build(),
                    product("SUN-30", Category.SUNSCREEN, "16.00").spf(30).build());
            Routine routine = build(answers().sunHours(8).build(), weakOnly);
            assertThat(routine.am().get(routine.am().size() - 1).product().sku())
                    .isEqualTo("SUN-30");
            assertThat(routine.warnings())
                    .extracting(Routine.Warning::message)
                    .contains(
                            "You need SPF 50, but none is in stock right now, so we recommend the highest we have: SPF 30. "
                                    + "Reapply it often and seek shade around midday.");
            assertThat(routine.warnings())
                    .extracting(Routine.Warning::message)
                    .noneMatch(m -> m.contains("no suitable sunscreen"));
        }

        @Test
        void nothingMeetingTheDailyMinimumMeansNoSunscreenStepAndAWarning() {
            TestCatalog weakOnly = TestCatalog.of(
                    product("CLN-BASIC", Category.CLEANSER, "9.00").build(),
                    product("MST-BASIC", Category.MOISTURIZER, "15.00").build(),
                    product("SUN-15", Category.SUNSCREEN, "12.00").spf(15).build());
            Routine routine = build(answers().sunHours(8).build(), weakOnly);
            assertThat(slots(routine.am())).doesNotContain(Category.SUNSCREEN);
            assertThat(routine.warnings())
                    .extracting(Routine.Warning::message)
                    .contains("We have no suitable sunscreen in stock right now, so this step is left out for now.");
        }
    }

    @Nested
    class Budget {

        private final TestCatalog catalog = TestCatalog.basics(
                VITAMIN_C_15,
                RETINOL_05,
                GLYCOLIC_EXFOLIANT,
                product("CLN-LUX", Category.CLEANSER, "30.00")
                        .concerns(Concern.DARK_SPOTS)
                        .build());

        @Test
        void withinBudgetNothingChanges() {
            Routine routine = build(
                    answers()
                            .concerns(Concern.DARK_SPOTS)
                            .budget("500.00", "EUR")
                            .build(),
                    catalog);
            assertThat(warnings(routine)).doesNotContain(WarningCode.BUDGET_LIMITED);
        }

        @Test
        void optionalStepsGoFirstThenCheaperCoreProducts() {
            Answers answers = answers()
                    .concerns(Concern.DARK_SPOTS, Concern.FINE_LINES, Concern.UNEVEN_TEXTURE)
                    .budget("70.00", "EUR")
                    .build();
            Routine unlimited = build(
                    answers()
                            .concerns(Concern.DARK_SPOTS, Concern.FINE_LINES, Concern.UNEVEN_TEXTURE)
                            .build(),
                    catalog);
            Routine routine = build(answers, catalog);

            assertThat(unlimited.total().amount()).isGreaterThan(routine.total().amount());
            assertThat(routine.total().amount())
                    .isLessThanOrEqualTo(answers.budget().amount());
            assertThat(skus(routine.am())).contains("SER-C15", "SUN-30");
            assertThat(skus(routine.pm())).doesNotContain("SER-RET05", "EXF-GLY7");
            assertThat(warnings(routine)).contains(WarningCode.BUDGET_LIMITED);
        }

        @Test
        void droppingAnAcidSerumForBudgetBringsBackTheCheaperExfoliant() {
            ProductState glycolicSerum = product("SER-GLY10", Category.SERUM, "60.00")
                    .inci("Glycolic Acid", "10")
                    .build();
            TestCatalog pores = TestCatalog.basics(glycolicSerum, RETINOL_05, GLYCOLIC_EXFOLIANT);
            // corrective care ranks the retinoid first; the acid serum earns second place with dullness
            Answers unlimited = answers()
                    .age(AgeBand.AGE_45_54)
                    .concerns(Concern.FINE_LINES, Concern.DULLNESS, Concern.UNEVEN_TEXTURE)
                    .build();
            assertThat(skus(build(unlimited, pores).pm()))
                    .contains("SER-RET05", "SER-GLY10")
                    .doesNotContain("EXF-GLY7");

            Routine routine = build(
                    answers()
                            .age(AgeBand.AGE_45_54)
                            .concerns(Concern.FINE_LINES, Concern.DULLNESS, Concern.UNEVEN_TEXTURE)
                            .budget("100.00", "EUR")
                            .build(),
                    pores);
            assertThat(skus(routine.pm())).contains("SER-RET05", "EXF-GLY7").doesNotContain("SER-GLY10");
            assertThat(routine.total().amount()).isLessThanOrEqualTo(new BigDecimal("100.00"));
        }

        @Test
        void aTinyBudgetKeepsSunProtectionLast() {
            Routine routine = build(answers().budget("15.00", "EUR").build(), catalog);
            assertThat(skus(routine.am())).containsExactly("SUN-30");
            assertThat(routine.total().amount()).isEqualByComparingTo("14.00");
            assertThat(warnings(routine)).contains(WarningCode.BUDGET_LIMITED, WarningCode.SLOT_UNFILLED);
        }

        @Test
        void aBudgetInAnotherCurrencyIsNotAppliedAndSaysSo() {
            Routine routine = build(answers().budget("100", "PHP").build(), catalog);
            assertThat(warnings(routine)).contains(WarningCode.BUDGET_CURRENCY);
            assertThat(skus(routine.am())).contains("SER-C15");
        }
    }

    /** One case per defect found by trying the engine with products written the way real labels are written. */
    @Nested
    class ReportedDefects {

        private void assertNoConflictOnAnyNight(Routine routine, TestCatalog catalog) {
            for (Routine.Night night : routine.week()) {
                List<ProductState> used = night.skus().stream()
                        .map(sku -> catalog.products().stream()
                                .filter(p -> p.sku().equals(sku))
                                .findFirst()
                                .orElseThrow())
                        .toList();
                assertThat(used.stream().filter(Conflicts::retinoid).count())
                        .as(night.night() + " retinoids")
                        .isLessThanOrEqualTo(1);
                assertThat(used.stream().anyMatch(Conflicts::retinoid)
                                && used.stream().anyMatch(Conflicts::acid))
                        .as(night.night() + " retinoid with acid: " + night.skus())
                        .isFalse();
            }
        }

        @Test
        void layeredActivesInEveryCategoryNeverShareANight() {
            TestCatalog catalog = TestCatalog.basics(
                    product("CLN-LACTIC", Category.CLEANSER, "12.00")
                            .inci("Lactic Acid", "5")
                            .skinTypes(SkinType.DRY)
                            .concerns(Concern.UNEVEN_TEXTURE)
                            .build(),
                    product("EXF-MANDELIC", Category.EXFOLIANT, "20.00")
                            .inci("Mandelic Acid", "8")
                            .timeOfDay(TimeOfDay.PM)
                            .build(),
                    RETINOL_05,
                    product("MST-RETINYL", Category.MOISTURIZER, "28.00")
                            .inci("Retinyl Palmitate", "0.2")
                            .concerns(Concern.FINE_LINES)
                            .timeOfDay(TimeOfDay.PM)
                            .build());
            Routine routine = build(
                    answers()
                            .skinType(SkinType.DRY)
                            .age(AgeBand.AGE_45_54)
                            .concerns(Concern.FINE_LINES, Concern.UNEVEN_TEXTURE)
                            .build(),
                    catalog);

            assertThat(skus(routine.pm()))
                    .contains("SER-RET05", "EXF-MANDELIC")
                    .doesNotContain("CLN-LACTIC", "MST-RETINYL"); // every-evening steps carry no retinoid and no acid
            assertNoConflictOnAnyNight(routine, catalog);
        }

        @Test
        void labelSpellingsReachEverySafetyFilter() {
            TestCatalog catalog = TestCatalog.basics(
                    product("SER-RETVA", Category.SERUM, "30.00")
                            .inci("Retinol (Vitamin A)", "0.3")
                            .build(),
                    product("MST-PARFUM", Category.MOISTURIZER, "10.00")
                            .inci("Parfum (Fragrance)", null)
                            .concerns(Concern.FINE_LINES)
                            .build(),
                    product("MST-SLASH", Category.MOISTURIZER, "11.00")
                            .inci("Fragrance/Parfum", null)
                            .concerns(Concern.FINE_LINES)
                            .build());
            Routine pregnant = build(
                    answers()
                            .concerns(Concern.FINE_LINES)
                            .pregnant()
                            .avoid("Fragrance")
                            .build(),
                    catalog);
            assertThat(skus(pregnant.pm())).doesNotContain("SER-RETVA", "MST-PARFUM", "MST-SLASH");
            assertThat(skus(pregnant.am())).doesNotContain("MST-PARFUM", "MST-SLASH");
            Routine sensitive =
                    build(answers().concerns(Concern.FINE_LINES).sensitive().build(), catalog);
            assertThat(skus(sensitive.am())).doesNotContain("MST-PARFUM", "MST-SLASH");
        }

        @Test
        void avoidingANameAvoidsItsSynonymsAndAPickedClassAvoidsTheClass() {
            TestCatalog catalog = TestCatalog.basics(
                    product("SER-RETINAL", Category.SERUM, "30.00")
                            .inci("Retinal", "0.05")
                            .build(),
                    product("SER-NICO", Category.SERUM, "20.00")
                            .inci("Nicotinamide", "10")
                            .build(),
                    product("SER-ESTER", Category.SERUM, "25.00")
                            .inci("Retinyl Palmitate", "1")
                            .build());
            Routine synonyms = build(
                    answers()
                            .concerns(Concern.FINE_LINES, Concern.ENLARGED_PORES)
                            .avoid("Retinaldehyde", "Niacinamide")
                            .build(),
                    catalog);
            assertThat(skus(synonyms.pm()))
                    .doesNotContain("SER-RETINAL", "SER-NICO")
                    .contains("SER-ESTER");
            // the Tagalog suggestion label promises the whole vitamin A class
            Routine wholeClass = build(
                    answers()
                            .concerns(Concern.FINE_LINES)
                            .avoid("Retinol (bitamina A)")
                            .build(),
                    catalog);
            assertThat(skus(wholeClass.pm())).doesNotContain("SER-RETINAL", "SER-ESTER");
            // a name nobody knows is still excluded by name, and said so
            Routine unknown = build(answers().avoid("Xyzzy Root Extract").build(), catalog);
            assertThat(unknown.warnings())
                    .extracting(Routine.Warning::message)
                    .anyMatch(m -> m.contains("\"Xyzzy Root Extract\""));
        }

        @Test
        void budgetModeKeepsTheSkinType() {
            TestCatalog catalog = TestCatalog.basics(
                    VITAMIN_C_15,
                    product("MST-OILY-GEL", Category.MOISTURIZER, "3.00")
                            .skinTypes(SkinType.OILY)
                            .build(),
                    product("CLN-OILY-GEL", Category.CLEANSER, "2.00")
                            .skinTypes(SkinType.OILY)
                            .build(),
                    product("SER-LUX", Category.SERUM, "60.00")
                            .inci("Niacinamide", "5")
                            .build());
            Routine routine = build(
                    answers()
                            .skinType(SkinType.DRY)
                            .concerns(Concern.DARK_SPOTS, Concern.ENLARGED_PORES)
                            .budget("70.00", "EUR")
                            .build(),
                    catalog);
            assertThat(skus(routine.am())).doesNotContain("MST-OILY-GEL", "CLN-OILY-GEL");
            assertThat(skus(routine.pm())).doesNotContain("MST-OILY-GEL", "CLN-OILY-GEL");
            assertThat(routine.total().amount()).isLessThanOrEqualTo(new BigDecimal("70.00"));
        }

        @Test
        void faceAndHandsEachGetWhatTheyAskedFor() {
            TestCatalog catalog = TestCatalog.basics(
                    VITAMIN_C_15,
                    product("HND-CREAM", Category.MOISTURIZER, "14.00")
                            .areas(Area.HANDS)
                            .inci("Niacinamide", "4")
                            .concerns(Concern.DARK_SPOTS)
                            .build(),
                    product("HND-SPF30", Category.SUNSCREEN, "11.00")
                            .areas(Area.HANDS)
                            .spf(30)
                            .build());
            Routine routine = build(
                    answers()
                            .concerns(Concern.DARK_SPOTS)
                            .areas(Area.FACE, Area.HANDS)
                            .build(),
                    catalog);
            List<Routine.Step> all = new ArrayList<>(routine.am());
            all.addAll(routine.pm());
            assertThat(all)
                    .filteredOn(s -> s.area() == Area.HANDS)
                    .extracting(s -> s.product().sku())
                    .contains("HND-CREAM", "HND-SPF30");
            assertThat(warnings(routine)).doesNotContain(WarningCode.AREA_UNSERVED);

            Routine noHandProducts = build(
                    answers()
                            .concerns(Concern.DARK_SPOTS)
                            .areas(Area.FACE, Area.HANDS)
                            .build(),
                    TestCatalog.basics(VITAMIN_C_15));
            assertThat(noHandProducts.warnings())
                    .extracting(Routine.Warning::message)
                    .contains(
                            "We have no suitable product for your hands in stock right now: sunscreen.",
                            "We have no suitable product for your hands in stock right now: moisturizer.");

            ProductState both = product("SUN-BOTH", Category.SUNSCREEN, "16.00")
                    .areas(Area.FACE, Area.HANDS)
                    .spf(50)
                    .build();
            Routine oneForBoth = build(
                    answers()
                            .concerns(Concern.DARK_SPOTS)
                            .areas(Area.FACE, Area.HANDS)
                            .build(),
                    TestCatalog.basics(VITAMIN_C_15, both));
            assertThat(skus(oneForBoth.am())).contains("SUN-BOTH").doesNotContain("HND-SPF30");
        }

        @Test
        void concernOrderDominatesTheCorrectiveBonus() {
            ProductState growthFactorPores = product("SER-GF-PORES", Category.SERUM, "72.00")
                    .inci("sh-Oligopeptide-1", "1")
                    .inci("Niacinamide", "2")
                    .build();
            Routine routine = build(
                    answers()
                            .age(AgeBand.AGE_35_44)
                            .concerns(Concern.DARK_SPOTS)
                            .build(),
                    TestCatalog.basics(VITAMIN_C_15, growthFactorPores));
            assertThat(skus(routine.am())).contains("SER-C15").doesNotContain("SER-GF-PORES");
        }

        @Test
        void anUnstatedHumectantLowInTheListTreatsNothing() {
            ProductState traceHyaluronate = product("SER-TRACE-HA", Category.SERUM, "15.00")
                    .inci("Glycerin", null)
                    .inci("Butylene Glycol", null)
                    .inci("Dimethicone", null)
                    .inci("Squalane", null)
                    .inci("Sodium Hyaluronate", null)
                    .build();
            Routine routine =
                    build(answers().concerns(Concern.DEHYDRATION).build(), TestCatalog.basics(traceHyaluronate));
            assertThat(skus(routine.am())).doesNotContain("SER-TRACE-HA");
            assertThat(warnings(routine)).contains(WarningCode.SLOT_UNFILLED);
        }

        @Test
        void vitaminCNeedsSevenPercentForEveryPoreConcern() {
            ProductState weakC = product("SER-C5", Category.SERUM, "20.00")
                    .inci("Ascorbic Acid", "5")
                    .build();
            Routine routine = build(answers().concerns(Concern.SAGGING_PORES).build(), TestCatalog.basics(weakC));
            assertThat(skus(routine.am())).doesNotContain("SER-C5");
        }

        @Test
        void strongAcidsAndRetinoidsStartOnThreeEveningsAndTheUsageSaysSo() {
            ProductState glycolic10 = product("SER-GLY10", Category.SERUM, "25.00")
                    .inci("Glycolic Acid", "10")
                    .build();
            Routine acid = build(answers().concerns(Concern.UNEVEN_TEXTURE).build(), TestCatalog.basics(glycolic10));
            Routine.Step acidStep = step(acid.pm(), "SER-GLY10").orElseThrow();
            assertThat(acidStep.frequency()).isEqualTo(Frequency.RAMP_UP);
            assertThat(acidStep.nights()).containsExactly(Weekday.MON, Weekday.WED, Weekday.FRI);
            assertThat(acidStep.usage())
                    .contains("To start, 3 evenings a week (Monday, Wednesday, Friday) for the first 4 weeks");

            Routine retinoid = build(answers().concerns(Concern.FINE_LINES).build(), TestCatalog.basics(RETINOL_05));
            Routine.Step retinoidStep = step(retinoid.pm(), "SER-RET05").orElseThrow();
            assertThat(retinoidStep.frequency()).isEqualTo(Frequency.RAMP_UP);
            assertThat(retinoidStep.usage())
                    .doesNotContain("every other night")
                    .contains("(Monday, Wednesday, Friday)");

            Routine sensitive = build(
                    answers().concerns(Concern.FINE_LINES).sensitive().build(),
                    TestCatalog.basics(product("SER-RET02", Category.SERUM, "35.00")
                            .inci("Retinol", "0.2")
                            .build()));
            assertThat(step(sensitive.pm(), "SER-RET02").orElseThrow().nights())
                    .containsExactly(Weekday.MON, Weekday.THU);
        }

        @Test
        void benzoylPeroxideNeverGoesOnWithLAscorbicAcid() {
            ProductState bpo = product("SER-BPO", Category.SERUM, "18.00")
                    .inci("Benzoyl Peroxide", "2.5")
                    .build();
            ProductState lAscorbic = product("SER-LAA", Category.SERUM, "30.00")
                    .inci("L-Ascorbic Acid", "15")
                    .build();
            Routine routine = build(
                    answers()
                            .concerns(Concern.CLOGGED_PORES, Concern.DARK_SPOTS)
                            .build(),
                    TestCatalog.basics(bpo, lAscorbic));
            assertThat(skus(routine.am())).contains("SER-BPO").doesNotContain("SER-LAA");
        }

        @Test
        void sunscreenPrefersProtectionAndFragranceFreeOverTheSku() {
            TestCatalog catalog = TestCatalog.basics(
                    RETINOL_05,
                    GLYCOLIC_EXFOLIANT,
                    product("SUN-A20-PARFUM", Category.SUNSCREEN, "12.00")
                            .spf(20)
                            .inci("Parfum", null)
                            .build(),
                    product("SUN-B50-MINERAL", Category.SUNSCREEN, "19.00")
                            .spf(50)
                            .inci("Zinc Oxide", "20")
                            .build(),
                    product("SUN-C50-PARFUM", Category.SUNSCREEN, "15.00")
                            .spf(50)
                            .inci("Parfum", null)
                            .build());
            Routine routine = build(
                    answers()
                            .concerns(Concern.FINE_LINES, Concern.UNEVEN_TEXTURE)
                            .sunHours(0)
                            .build(),
                    catalog);
            assertThat(routine.am().get(routine.am().size() - 1).product().sku())
                    .isEqualTo("SUN-B50-MINERAL");
        }

        @Test
        void moneyIsWrittenTheWayEachLanguageWritesIt() {
            TestCatalog catalog = TestCatalog.basics(VITAMIN_C_15, RETINOL_05);
            Answers answers = answers()
                    .concerns(Concern.DARK_SPOTS, Concern.FINE_LINES)
                    .budget("60.00", "EUR")
                    .build();
            assertThat(build(answers, catalog, "en").warnings())
                    .extracting(Routine.Warning::message)
                    .anyMatch(m -> m.contains("€60.00"));
            assertThat(build(answers, catalog, "lv").warnings())
                    .extracting(Routine.Warning::message)
                    .anyMatch(m -> m.contains("60,00") && m.contains("€"));
        }
    }

    @Nested
    class Languages {

        @Test
        void textsAndNamesComeInTheCustomersLocale() {
            TestCatalog catalog = TestCatalog.basics(VITAMIN_C_15);
            Routine en = build(answers().build(), catalog, "en");
            Routine tl = build(answers().build(), catalog, "tl");
            Routine lv = build(answers().build(), catalog, "lv-LV");
            Routine unknown = build(answers().build(), catalog, "fr");

            assertThat(lv.locale()).isEqualTo("lv");
            assertThat(unknown.locale()).isEqualTo("en");
            assertThat(tl.am().get(1).product().name()).isEqualTo("SER-C15 (tl)");
            assertThat(lv.am().get(1).product().name()).isEqualTo("SER-C15 (lv)");
            assertThat(tl.am().get(1).usage()).isNotEqualTo(en.am().get(1).usage());
            assertThat(lv.am().get(1).usage())
                    .isNotEqualTo(en.am().get(1).usage())
                    .isNotEqualTo(tl.am().get(1).usage());
            assertThat(lv.am().get(1).reasons().get(0).message())
                    .isNotEqualTo(en.am().get(1).reasons().get(0).message());
            assertThat(unknown.am().get(1).usage()).isEqualTo(en.am().get(1).usage());
            // the codes are the same in every language
            assertThat(lv.am())
                    .extracting(s -> reasons(s))
                    .isEqualTo(en.am().stream().map(RoutineEngineTest::reasons).toList());
        }

        /** The warning is about an active ingredient in the routine, not a product made for sensitive skin. */
        @Test
        void thePatchTestSaysToTryTheActiveOnASmallAreaBeforeTheWholeFace() {
            ProductState gentleRetinol = product("SER-RET02", Category.SERUM, "30.00")
                    .inci("Retinol", "0.2")
                    .build();
            Answers answers = answers().concerns(Concern.FINE_LINES).sensitive().build();
            TestCatalog catalog = TestCatalog.basics(gentleRetinol);
            Map<String, List<String>> says = Map.of(
                    "en",
                            List.of(
                                    "Your routine includes a product with an active ingredient: retinoid.",
                                    "(a patch test) before using it on your whole face"),
                    "tl",
                            List.of(
                                    "May aktibong sangkap ang isang produkto sa routine mo: retinoid.",
                                    "(patch test) bago gamitin sa buong mukha"),
                    "lv",
                            List.of(
                                    "Jūsu rutīnā ir produkts ar aktīvo vielu: retinoīds.",
                                    "Pirms sākat to lietot uz visas sejas",
                                    "(panesamības tests)"));
            for (String locale : List.of("en", "tl", "lv")) {
                List<String> patchTests = build(answers, catalog, locale).warnings().stream()
                        .filter(w -> w.code() == WarningCode.PATCH_TEST)
                        .map(Routine.Warning::message)
                        .toList();
                assertThat(patchTests).as(locale).hasSize(1);
                assertThat(patchTests.get(0))
                        .as(locale)
                        .contains(says.get(locale))
                        .doesNotContain("sensitive skin", "sensitibong balat", "jutīgai ādai");
            }
        }

        @Test
        void everyMessageExistsInEveryLocaleWithTheSamePlaceholders() throws Exception {
            Properties base = load("messages/routine.properties");
            for (String locale : List.of("tl", "lv")) {
                Properties translated = load("messages/routine_" + locale + ".properties");
                assertThat(translated.stringPropertyNames()).as(locale).isEqualTo(base.stringPropertyNames());
                for (String key : base.stringPropertyNames()) {
                    assertThat(placeholders(translated.getProperty(key)))
                            .as(locale + " " + key)
                            .isEqualTo(placeholders(base.getProperty(key)));
                }
            }
            for (ReasonCode code : ReasonCode.values()) {
                assertThat(base.getProperty("reason." + code)).as(code.name()).isNotNull();
            }
            for (WarningCode code : WarningCode.values()) {
                if (code != WarningCode.SLOT_UNFILLED) {
                    assertThat(base.getProperty("warning." + code))
                            .as(code.name())
                            .isNotNull();
                }
            }
        }

        private Properties load(String resource) throws Exception {
            Properties properties = new Properties();
            try (var in = getClass().getClassLoader().getResourceAsStream(resource);
                    var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            return properties;
        }

        private Set<String> placeholders(String text) {
            Set<String> found = new TreeSet<>();
            Matcher m = Pattern.compile("\\{\\d}").matcher(text);
            while (m.find()) {
                found.add(m.group());
            }
            return found;
        }
    }
}
