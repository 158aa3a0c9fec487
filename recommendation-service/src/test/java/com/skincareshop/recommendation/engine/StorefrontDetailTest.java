package com.skincareshop.recommendation.engine;

import static com.skincareshop.recommendation.engine.TestCatalog.answers;
import static com.skincareshop.recommendation.engine.TestCatalog.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.SizeUnit;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.Routine.AlternativeReason;
import com.skincareshop.recommendation.engine.Routine.PlaceholderCause;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The second version's detail: what a storefront renders a routine page from. */
class StorefrontDetailTest {

    private final RoutineEngine engine = new RoutineEngine(RoutinePolicy.defaults());

    private static final ProductState HYALURONIC = product("SER-HA", Category.SERUM, "20.00")
            .inci("Sodium Hyaluronate", "1")
            .build();

    private Routine full(Answers answers, TestCatalog catalog, String locale) {
        return engine.build("c-1", 3L, answers, locale, catalog, RoutineEngine.Detail.FULL);
    }

    private static Routine.Step step(Routine routine, String id) {
        return Stream.concat(routine.am().stream(), routine.pm().stream())
                .filter(s -> id.equals(s.id()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + id));
    }

    private static Routine.Warning warning(Routine routine, WarningCode code) {
        return routine.warnings().stream()
                .filter(w -> w.code() == code)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no warning " + code + " in " + routine.warnings()));
    }

    @Test
    void theFirstVersionIsUnchangedAndTheSecondAddsToItOnly() {
        Answers answers = answers().concerns(Concern.DEHYDRATION).build();
        Routine essential = engine.build("c-1", 3L, answers, "en", TestCatalog.basics(HYALURONIC));
        Routine full = full(answers, TestCatalog.basics(HYALURONIC), "en");

        assertThat(essential.products()).isNull();
        assertThat(essential.placeholders()).isNull();
        assertThat(essential.am()).allSatisfy(s -> {
            assertThat(s.id()).isNull();
            assertThat(s.alternatives()).isNull();
            assertThat(s.product().brand()).isNull();
        });
        assertThat(essential.warnings())
                .allSatisfy(w -> assertThat(w.severity()).isNull());
        // every field of the first version means the same in the second
        for (int i = 0; i < essential.am().size(); i++) {
            Routine.Step first = essential.am().get(i);
            Routine.Step second = full.am().get(i);
            assertThat(List.of(
                            second.step(),
                            second.slot(),
                            second.product().sku(),
                            second.product().name(),
                            second.product().price(),
                            second.product().version(),
                            second.reasons(),
                            second.usage(),
                            second.frequency(),
                            second.area()))
                    .isEqualTo(List.of(
                            first.step(),
                            first.slot(),
                            first.product().sku(),
                            first.product().name(),
                            first.product().price(),
                            first.product().version(),
                            first.reasons(),
                            first.usage(),
                            first.frequency(),
                            first.area()));
        }
        assertThat(full.total()).isEqualTo(essential.total());
        assertThat(full.warnings())
                .extracting(Routine.Warning::code, Routine.Warning::message)
                .isEqualTo(essential.warnings().stream()
                        .map(w -> Tuple.tuple(w.code(), w.message()))
                        .toList());
    }

    @Test
    void stepsHaveIdsLabelsAndProductFactsAndTheCartHoldsEachProductOnce() {
        Routine routine = full(answers().concerns(Concern.DEHYDRATION).build(), TestCatalog.basics(HYALURONIC), "en");

        assertThat(routine.am()).extracting(Routine.Step::id).containsExactly("am-1", "am-2", "am-3", "am-4");
        assertThat(routine.pm()).extracting(Routine.Step::id).containsExactly("pm-1", "pm-2", "pm-3");
        Routine.Step cleanser = step(routine, "am-1");
        assertThat(cleanser.time()).isEqualTo(TimeOfDay.AM);
        assertThat(cleanser.labels()).isEqualTo(new Routine.StepLabels("Cleanser", "Morning", "Every morning", "Face"));
        assertThat(step(routine, "pm-1").labels().frequency()).isEqualTo("Every evening");
        assertThat(cleanser.product().brand()).isEqualTo("Test");
        assertThat(cleanser.product().format()).isEqualTo(ProductFormat.BOTTLE);
        assertThat(cleanser.product().size().amount()).isEqualByComparingTo("30");
        assertThat(cleanser.product().image()).isEqualTo("products/CLN-BASIC");
        assertThat(cleanser.product().slug()).isEqualTo("cln-basic-en-cln-basic");

        // cleanser, serum and moisturizer are used morning and evening: one line each in the cart
        assertThat(routine.products())
                .extracting(Routine.ProductLine::sku)
                .containsExactly("CLN-BASIC", "SER-HA", "MST-BASIC", "SUN-30");
        Routine.ProductLine cleanserLine = routine.products().get(0);
        assertThat(cleanserLine.steps()).containsExactly("am-1", "pm-1");
        assertThat(cleanserLine.quantity()).isEqualTo(1);
        assertThat(cleanserLine.applicationsPerWeek()).isEqualTo(14);
        assertThat(cleanserLine.lastsWeeks()).isEqualTo(1); // 30 ml at 1.5 ml twice a day
        assertThat(routine.products().get(1).lastsWeeks()).isEqualTo(7); // 30 ml at 0.3 ml twice a day
        assertThat(routine.products().get(3).lastsWeeks()).isEqualTo(3); // 30 ml of sunscreen at 1.2 ml a morning
        assertThat(routine.products().stream()
                        .map(l -> l.price().amount().multiply(BigDecimal.valueOf(l.quantity())))
                        .reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(routine.total().amount());
        assertThat(routine.week()).extracting(Routine.Night::label).startsWith("Monday", "Tuesday");
    }

    @Test
    void labelsAreInTheCustomersLanguage() {
        Routine latvian = full(answers().concerns(Concern.DEHYDRATION).build(), TestCatalog.basics(HYALURONIC), "lv");
        assertThat(step(latvian, "am-1").labels())
                .isEqualTo(new Routine.StepLabels("Attīrīšanas līdzeklis", "No rīta", "Katru rītu", "Seja"));
        assertThat(step(latvian, "am-4").labels().slot()).isEqualTo("Saules aizsarglīdzeklis");
        Routine tagalog = full(answers().concerns(Concern.DEHYDRATION).build(), TestCatalog.basics(HYALURONIC), "tl");
        assertThat(step(tagalog, "pm-1").labels())
                .isEqualTo(new Routine.StepLabels("Cleanser", "Gabi", "Tuwing gabi", "Mukha"));
        assertThat(tagalog.week().get(0).label()).isEqualTo("Lunes");
    }

    @Test
    void eachStepSaysWhatItAddressesWithWhichActivesAndWhenResultsShow() {
        ProductState retinolWithHyaluronic = product("SER-RET", Category.SERUM, "35.00")
                .inci("Retinol", "0.5")
                .inci("Sodium Hyaluronate", "1")
                .timeOfDay(TimeOfDay.PM)
                .build();
        Routine routine = full(
                answers().concerns(Concern.FINE_LINES, Concern.DEHYDRATION).build(),
                TestCatalog.basics(retinolWithHyaluronic),
                "en");

        Routine.Step serum = routine.pm().stream()
                .filter(s -> s.slot() == Category.SERUM)
                .findFirst()
                .orElseThrow();
        assertThat(serum.addresses().concerns()).containsExactly(Concern.FINE_LINES, Concern.DEHYDRATION);
        assertThat(serum.addresses().actives())
                .extracting(Routine.ActiveDose::code)
                .containsExactly(Active.RETINOID, Active.HYALURONIC_ACID);
        assertThat(serum.addresses().actives().get(0).percent()).isEqualByComparingTo("0.5");
        // the retinoid does most for lines: a 12-week product, not the hyaluronic acid's week
        assertThat(serum.weeksToResults()).isEqualTo(12);
        assertThat(serum.optical()).isFalse();
        assertThat(serum.labels().frequency()).isEqualTo("To start, 3 evenings a week");

        Routine.Step cleanser = step(routine, "am-1");
        assertThat(cleanser.addresses().concerns()).isEmpty();
        assertThat(cleanser.weeksToResults()).isNull();
    }

    @Test
    void micaAndPearlAreOpticalAndShowAtOnce() {
        ProductState glow = product("SER-GLOW", Category.SERUM, "22.00")
                .inci("Mica", "3")
                .concerns(Concern.DULLNESS)
                .build();
        Routine routine = full(answers().concerns(Concern.DULLNESS).build(), TestCatalog.basics(glow), "en");

        Routine.Step serum = step(routine, "am-2");
        assertThat(serum.product().sku()).isEqualTo("SER-GLOW");
        assertThat(serum.optical()).isTrue();
        assertThat(serum.weeksToResults()).isZero();
    }

    @Test
    void alternativesAreCheaperOrFragranceFreeAndTreatWhatTheStepTreats() {
        ProductState vitaminC15 = product("SER-C15", Category.SERUM, "30.00")
                .inci("Ascorbic Acid", "15")
                .concerns(Concern.DARK_SPOTS)
                .timeOfDay(TimeOfDay.AM)
                .build();
        ProductState vitaminC5 = product("SER-C05", Category.SERUM, "12.00")
                .inci("Ascorbic Acid", "5")
                .concerns(Concern.DARK_SPOTS)
                .timeOfDay(TimeOfDay.AM)
                .build();
        // cheaper still, but none of them can take the serum's place
        ProductState soldOut = product("SER-C03", Category.SERUM, "8.00")
                .inci("Ascorbic Acid", "10")
                .timeOfDay(TimeOfDay.AM)
                .stock(0)
                .build();
        ProductState discontinued = product("SER-C04", Category.SERUM, "8.00")
                .inci("Ascorbic Acid", "10")
                .timeOfDay(TimeOfDay.AM)
                .discontinued()
                .build();
        ProductState forLinesOnly = product("SER-PEP", Category.SERUM, "9.00")
                .inci("Palmitoyl Tripeptide-1", "3")
                .build();
        Routine routine = full(
                answers().concerns(Concern.DARK_SPOTS).build(),
                TestCatalog.basics(vitaminC15, vitaminC5, soldOut, discontinued, forLinesOnly),
                "en");

        Routine.Step serum = step(routine, "am-2");
        assertThat(serum.product().sku()).isEqualTo("SER-C15");
        assertThat(serum.alternatives()).hasSize(1);
        Routine.Alternative cheaper = serum.alternatives().get(0);
        assertThat(cheaper.product().sku()).isEqualTo("SER-C05");
        assertThat(cheaper.why()).containsExactly(AlternativeReason.CHEAPER);
        assertThat(cheaper.priceDifference().amount()).isEqualByComparingTo("-18.00");
        assertThat(cheaper.message()).isEqualTo("€18.00 less");
        assertThat(cheaper.product().brand()).isEqualTo("Test");
    }

    @Test
    void aFragrancedProductGetsAFragranceFreeAlternativeAndASensitiveSkinNeverAFragrancedOne() {
        ProductState scented = product("CLN-ROSE", Category.CLEANSER, "11.00")
                .inci("Parfum", null)
                .concerns(Concern.DARK_SPOTS)
                .build();
        ProductState plain = product("CLN-PLAIN", Category.CLEANSER, "13.00").build();
        ProductState scentedCheap = product("CLN-LEMON", Category.CLEANSER, "6.00")
                .inci("Limonene", null)
                .build();
        TestCatalog catalog = TestCatalog.of(
                scented,
                plain,
                scentedCheap,
                product("MST-BASIC", Category.MOISTURIZER, "15.00").build(),
                product("SUN-30", Category.SUNSCREEN, "14.00")
                        .spf(30)
                        .timeOfDay(TimeOfDay.AM)
                        .build(),
                product("SER-C15", Category.SERUM, "30.00")
                        .inci("Ascorbic Acid", "15")
                        .timeOfDay(TimeOfDay.AM)
                        .build());

        Routine routine = full(answers().concerns(Concern.DARK_SPOTS).build(), catalog, "en");
        Routine.Step cleanser = step(routine, "am-1");
        assertThat(cleanser.product().sku()).isEqualTo("CLN-ROSE");
        assertThat(cleanser.alternatives())
                .extracting(a -> a.product().sku(), Routine.Alternative::why)
                .containsExactly(
                        Tuple.tuple("CLN-LEMON", List.of(AlternativeReason.CHEAPER)),
                        Tuple.tuple("CLN-PLAIN", List.of(AlternativeReason.FRAGRANCE_FREE)));
        assertThat(cleanser.alternatives().get(1).priceDifference().amount()).isEqualByComparingTo("2.00");
        assertThat(cleanser.alternatives().get(1).message()).isEqualTo("fragrance-free");

        Routine sensitive =
                full(answers().sensitive().concerns(Concern.DARK_SPOTS).build(), catalog, "en");
        assertThat(Stream.concat(sensitive.am().stream(), sensitive.pm().stream()))
                .flatExtracting(Routine.Step::alternatives)
                .extracting(a -> a.product().sku())
                .doesNotContain("CLN-ROSE", "CLN-LEMON");
    }

    @Test
    void warningsGiveTheirSeverityTheirFactsAndTheStepsTheyConcern() {
        ProductState retinol = product("SER-RET03", Category.SERUM, "28.00")
                .inci("Retinol", "0.3")
                .timeOfDay(TimeOfDay.PM)
                .build();
        Routine routine = full(
                answers().sensitive().concerns(Concern.FINE_LINES).sunHours(6).build(),
                TestCatalog.basics(retinol),
                "en");

        Routine.Warning patchTest = warning(routine, WarningCode.PATCH_TEST);
        assertThat(patchTest.severity()).isEqualTo(WarningCode.Severity.CAUTION);
        assertThat(patchTest.params()).isEqualTo(Map.of("active", Active.RETINOID));
        assertThat(patchTest.steps()).containsExactly("pm-2");
        assertThat(patchTest.message()).contains("retinoid");

        Routine.Warning sun = warning(routine, WarningCode.SPF_REQUIRED_PHOTOSENSITIVE);
        assertThat(sun.severity()).isEqualTo(WarningCode.Severity.IMPORTANT);
        assertThat(sun.steps()).containsExactly("am-3", "pm-2");

        Routine.Warning cap = warning(routine, WarningCode.SPF_MARKET_CAP);
        assertThat(cap.params()).isEqualTo(Map.of("requiredSpf", 60, "labelCap", 50));
        assertThat(cap.steps()).containsExactly("am-3");
        Routine.Warning below = warning(routine, WarningCode.SPF_BELOW_TARGET);
        assertThat(below.params()).isEqualTo(Map.of("targetSpf", 50, "givenSpf", 30));
    }

    @Test
    void anEmptySlotHasAPlaceholderAndItsWarningNamesTheSlotAndTheCause() {
        TestCatalog noSunscreen = TestCatalog.of(
                product("CLN-BASIC", Category.CLEANSER, "9.00").build(),
                product("MST-BASIC", Category.MOISTURIZER, "15.00").build(),
                HYALURONIC);
        Routine routine = full(answers().concerns(Concern.DEHYDRATION).build(), noSunscreen, "en");

        assertThat(routine.placeholders())
                .containsExactly(new Routine.Placeholder(
                        Category.SUNSCREEN,
                        List.of(TimeOfDay.AM),
                        PlaceholderCause.NOT_AVAILABLE,
                        "Sunscreen",
                        warning(routine, WarningCode.SLOT_UNFILLED).message()));
        Routine.Warning unfilled = warning(routine, WarningCode.SLOT_UNFILLED);
        assertThat(unfilled.params())
                .isEqualTo(Map.of("slot", Category.SUNSCREEN, "cause", PlaceholderCause.NOT_AVAILABLE));
        assertThat(unfilled.steps()).isEmpty();

        Routine onABudget = full(
                answers().concerns(Concern.DEHYDRATION).budget("40.00", "EUR").build(),
                TestCatalog.basics(HYALURONIC),
                "en");
        assertThat(onABudget.placeholders())
                .extracting(Routine.Placeholder::cause)
                .containsOnly(PlaceholderCause.BUDGET);
        assertThat(onABudget.placeholders()).isNotEmpty();
    }

    @Test
    void aCapsuleSaysHowToOpenItAndTheCartCountsCapsules() {
        ProductState capsules = product("SER-CAPS", Category.SERUM, "32.00")
                .inci("Ascorbic Acid", "15")
                .concerns(Concern.DULLNESS)
                .timeOfDay(TimeOfDay.AM)
                .format(ProductFormat.CAPSULE)
                .size("28", SizeUnit.CAPSULES)
                .build();
        Routine routine = full(answers().concerns(Concern.DULLNESS).build(), TestCatalog.basics(capsules), "en");

        Routine.Step serum = step(routine, "am-2");
        assertThat(serum.product().format()).isEqualTo(ProductFormat.CAPSULE);
        assertThat(serum.usage()).endsWith("One capsule is one application: twist off its tip and use all of it.");
        Routine.ProductLine line = routine.products().stream()
                .filter(l -> l.sku().equals("SER-CAPS"))
                .findFirst()
                .orElseThrow();
        assertThat(line.applicationsPerWeek()).isEqualTo(7);
        assertThat(line.lastsWeeks()).isEqualTo(4); // 28 capsules, one a morning
    }
}
