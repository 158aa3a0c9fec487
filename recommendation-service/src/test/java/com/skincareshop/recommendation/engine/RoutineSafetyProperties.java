package com.skincareshop.recommendation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.rules.Safety;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The routine is safe for any catalogue: generated catalogues (label spellings of the dictionary's entries, sold-out
 * and discontinued products, products for one area or one skin type only, cheap off-target products) and generated
 * answers. Each property reads the products of the routine from the catalogue and classifies their ingredients
 * itself, by the dictionary, so that a rule the engine forgets to apply to some slot shows.
 */
class RoutineSafetyProperties {

    private static final RoutineEngine ENGINE = new RoutineEngine(RoutinePolicy.defaults());
    private static final int DAILY_MINIMUM_SPF = RoutinePolicy.defaults().dailyMinimumSpf();

    /** Label spellings of the entries the rules care about, each with strengths the rules' thresholds split. */
    private static final List<String> SPELLINGS = List.of(
            "Retinol",
            "Retinol (Vitamin A)",
            "RETINOL 0.3%",
            "Retinal",
            "Retinaldehyde",
            "Retinyl Palmitate",
            "Retinyl Linoleate",
            "Hydroxypinacolone Retinoate",
            "Tretinoin",
            "Adapalene",
            "Bakuchiol",
            "Ascorbic Acid",
            "L-Ascorbic Acid",
            "Sodium Ascorbyl Phosphate",
            "Ethyl Ascorbic Acid",
            "Ascorbyl Palmitate",
            "Glycolic Acid",
            "Lactic Acid",
            "Mandelic Acid",
            "Gluconolactone",
            "Lactobionic Acid",
            "Salicylic Acid",
            "Betaine Salicylate",
            "Salix Alba (Willow) Bark Extract",
            "Capryloyl Salicylic Acid",
            "Benzoyl Peroxide",
            "Niacinamide",
            "Nicotinamide",
            "Sodium Hyaluronate",
            "Palmitoyl Tripeptide-1",
            "sh-Oligopeptide-1",
            "Camellia Sinensis Leaf Extract",
            "Mica",
            "CI 77019",
            "Parfum",
            "Parfum (Fragrance)",
            "Fragrance/Parfum",
            "Linalool",
            "Limonene",
            "Benzyl Salicylate",
            "Alpha-Isomethyl Ionone",
            "Lavandula Angustifolia (Lavender) Oil",
            "Citral",
            "Squalane",
            "Glycerin",
            "Menthol",
            "Rose Water",
            "Xyzzy Root Extract",
            "Isotretinoin");

    private static final List<String> FILLERS =
            List.of("Glycerin", "Butylene Glycol", "Dimethicone", "Squalane", "Cetearyl Alcohol", "Phenoxyethanol");
    /** Null: not stated (List.of refuses it). */
    private static final List<String> STRENGTHS =
            Arrays.asList(null, "0.05", "0.3", "0.5", "1", "2", "2.5", "3", "5", "7", "10", "15", "20");

    private static final List<String> PRICES = List.of("4.00", "9.90", "12.00", "18.00", "25.00", "40.00", "72.00");
    /** What customers type or pick: INCI spellings, class names in three languages, and a name nobody knows. */
    private static final List<String> AVOIDABLE = List.of(
            "Fragrance",
            "Pabango (fragrance)",
            "Smaržvielas (parfīms)",
            "Retinol",
            "Retinoids",
            "Retinol (bitamina A)",
            "Retinaldehyde",
            "Nicotinamide",
            "AHA",
            "Salicylates",
            "L-Ascorbic Acid",
            "Linalool",
            "Xyzzy Root Extract",
            "Mica");

    // ---- the properties -------------------------------------------------------------------------------------

    /**
     * The hard filters, split for the catalogue index (bits a partition of products shares, then what each product
     * must pass), refuse exactly what they refuse written as one function ({@link HardFiltersAsWritten}), for every
     * product and customer, face and hands.
     */
    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void theHardFiltersSplitForTheIndexRefuseWhatTheyRefuseWhole(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        RoutinePolicy policy = RoutinePolicy.defaults();
        CustomerNeeds customer = new CustomerNeeds(answers, policy);
        for (Area area : Area.values()) {
            Eligibility split = new Eligibility(policy, customer, area);
            HardFiltersAsWritten whole = new HardFiltersAsWritten(policy, customer, area);
            for (ProductState product : catalogue) {
                assertThat(split.allows(product))
                        .as(
                                "%s on the %s; sensitive %s, pregnant %s, avoids %s, skin %s",
                                product.ingredients(),
                                area,
                                answers.sensitive(),
                                answers.pregnantOrBreastfeeding(),
                                answers.avoidIngredients(),
                                answers.skinType())
                        .isEqualTo(whole.allows(product));
            }
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void noRetinoidInPregnancyUnderAnySpelling(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        Answers pregnant = with(
                answers,
                a -> new Answers(
                        a.skinType(),
                        a.sensitive(),
                        a.ageBand(),
                        a.concerns(),
                        a.sunExposureHours(),
                        true,
                        a.avoidIngredients(),
                        a.areas(),
                        a.budget(),
                        false));
        assertSafeInPregnancy(build(pregnant, catalogue), catalogue);
    }

    private static void assertSafeInPregnancy(Routine routine, List<ProductState> catalogue) {
        for (ProductState product : products(routine, catalogue)) {
            assertThat(classes(product)).as(product.sku()).doesNotContain(Active.RETINOID);
            assertThat(salicylatePercent(product))
                    .as(product.sku() + " salicylate")
                    .isLessThanOrEqualTo(2.0);
            assertThat(InciDictionary.unrecognized(product.ingredients()))
                    .as(product.sku() + " unreadable")
                    .isEmpty();
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void noAvoidedIngredientOrSynonymOrClass(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        Routine routine = build(answers, catalogue);
        assertNothingAvoided(routine, catalogue, answers);
        for (String avoided : answers.avoidIngredients()) {
            if (InciDictionary.classNamed(avoided).isEmpty()
                    && InciDictionary.lookup(avoided).isEmpty()) {
                assertThat(codes(routine))
                        .as("an unknown avoided name is said")
                        .contains(WarningCode.AVOIDED_INGREDIENT_UNKNOWN);
            }
        }
    }

    private static void assertNothingAvoided(Routine routine, List<ProductState> catalogue, Answers answers) {
        for (String avoided : answers.avoidIngredients()) {
            Optional<Active> whole = InciDictionary.classNamed(avoided);
            String key = matchKey(avoided);
            for (ProductState product : products(routine, catalogue)) {
                if (whole.isPresent()) {
                    assertThat(classes(product))
                            .as(product.sku() + " avoiding " + avoided)
                            .doesNotContain(whole.get());
                } else {
                    assertThat(product.ingredients())
                            .as(product.sku() + " avoiding " + avoided)
                            .noneMatch(i -> matchKey(i.inci()).equals(key));
                }
            }
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void noFragranceForSensitiveSkin(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        Answers sensitive = with(
                answers,
                a -> new Answers(
                        a.skinType(),
                        true,
                        a.ageBand(),
                        a.concerns(),
                        a.sunExposureHours(),
                        a.pregnantOrBreastfeeding(),
                        a.avoidIngredients(),
                        a.areas(),
                        a.budget(),
                        false));
        assertGentleForSensitiveSkin(build(sensitive, catalogue), catalogue);
    }

    private static void assertGentleForSensitiveSkin(Routine routine, List<ProductState> catalogue) {
        for (ProductState product : products(routine, catalogue)) {
            assertThat(classes(product)).as(product.sku()).doesNotContain(Active.FRAGRANCE);
            assertThat(InciDictionary.unrecognized(product.ingredients()))
                    .as(product.sku() + " unreadable")
                    .isEmpty();
        }
    }

    @Property(tries = 600, shrinking = ShrinkingMode.BOUNDED)
    void noNightOfThePlanHoldsTwoRetinoidsOrARetinoidWithAnAcid(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        assertTheWeekIsSafe(build(answers, catalogue), catalogue, answers);
    }

    /** The same, on catalogues made of strong actives and customers whose concerns call for them. */
    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void noNightOfThePlanHoldsConflictingActivesWhereStrongActivesAbound(
            @ForAll("activeCatalogues") List<ProductState> catalogue, @ForAll("activeAnswers") Answers answers) {
        assertTheWeekIsSafe(build(answers, catalogue), catalogue, answers);
    }

    /**
     * No night with two retinoid products, a retinoid and an acid, two acids, or benzoyl peroxide and a retinoid; no
     * strong active (a retinoid; an acid from 7% or of unstated strength, or any acid on sensitive skin) on more than
     * three nights; the steps' nights agree with the plan; no benzoyl peroxide beside a retinoid or L-ascorbic acid in
     * the morning.
     */
    private static void assertTheWeekIsSafe(Routine routine, List<ProductState> catalogue, Answers answers) {
        Map<String, ProductState> bySku = bySku(catalogue);
        assertThat(routine.week()).hasSize(7);
        for (Routine.Night night : routine.week()) {
            List<ProductState> used = night.skus().stream().map(bySku::get).toList();
            long retinoids = used.stream()
                    .filter(p -> classes(p).contains(Active.RETINOID))
                    .count();
            long acids = used.stream()
                    .filter(p -> !Collections.disjoint(treating(p), ACIDS))
                    .count();
            assertThat(retinoids).as(night.night() + " " + night.skus()).isLessThanOrEqualTo(1);
            assertThat(retinoids > 0 && acids > 0)
                    .as(night.night() + " retinoid with acid " + night.skus())
                    .isFalse();
            assertThat(acids).as(night.night() + " two acids " + night.skus()).isLessThanOrEqualTo(1);
            boolean bpo = used.stream().anyMatch(p -> classes(p).contains(Active.BENZOYL_PEROXIDE));
            assertThat(bpo && retinoids > 0)
                    .as(night.night() + " benzoyl peroxide with retinoid")
                    .isFalse();
        }
        for (Routine.Step step : routine.pm()) {
            for (Routine.Night night : routine.week()) {
                assertThat(night.skus().contains(step.product().sku()))
                        .isEqualTo(step.nights().contains(night.night()));
            }
            if (strong(bySku.get(step.product().sku()), answers.sensitive())) {
                assertThat(step.nights())
                        .as(step.product().sku() + " starts slowly")
                        .hasSizeLessThanOrEqualTo(3);
            }
        }
        List<ProductState> morning =
                routine.am().stream().map(s -> bySku.get(s.product().sku())).toList();
        boolean bpoInTheMorning = morning.stream().anyMatch(p -> classes(p).contains(Active.BENZOYL_PEROXIDE));
        assertThat(bpoInTheMorning
                        && morning.stream()
                                .anyMatch(p -> classes(p).contains(Active.RETINOID)
                                        || treatingForms(p).contains("Ascorbic Acid")))
                .as("benzoyl peroxide beside a retinoid or L-ascorbic acid")
                .isFalse();
    }

    /** A retinoid in any amount; an exfoliating acid from 7% or of unstated strength, or any on sensitive skin. */
    private static boolean strong(ProductState product, boolean sensitive) {
        for (ActiveStrength active : InciDictionary.derive(product.ingredients())) {
            if (active.code() == Active.RETINOID) {
                return true;
            }
            if (ACIDS.contains(active.code())
                    && !active.trace()
                    && (sensitive
                            || active.percent() == null
                            || active.percent().compareTo(new BigDecimal("7")) >= 0)) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void nothingWithSpfAndNoSunscreenInTheEveningAndNoRetinoidOrAcidInTheMorning(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        assertEachStepAtItsTime(build(answers, catalogue), catalogue);
    }

    private static void assertEachStepAtItsTime(Routine routine, List<ProductState> catalogue) {
        Map<String, ProductState> bySku = bySku(catalogue);
        for (Routine.Step step : routine.pm()) {
            ProductState product = bySku.get(step.product().sku());
            assertThat(product.spf()).as(step.product().sku()).isNull();
            assertThat(product.category()).isNotEqualTo(Category.SUNSCREEN);
            assertThat(treating(product)).doesNotContain(Active.VITAMIN_C);
        }
        for (Routine.Step step : routine.am()) {
            ProductState product = bySku.get(step.product().sku());
            assertThat(classes(product)).as(step.product().sku()).doesNotContain(Active.RETINOID);
            assertThat(treating(product)).as(step.product().sku()).doesNotContain(Active.AHA);
        }
    }

    @Property(tries = 600, shrinking = ShrinkingMode.BOUNDED)
    void aMorningSpfWheneverOneMeetsTheDailyMinimumAndTheHighestAvailable(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        Answers noBudget = with(
                answers,
                a -> new Answers(
                        a.skinType(),
                        a.sensitive(),
                        a.ageBand(),
                        a.concerns(),
                        a.sunExposureHours(),
                        a.pregnantOrBreastfeeding(),
                        a.avoidIngredients(),
                        a.areas(),
                        null,
                        false));
        Routine routine = build(noBudget, catalogue);
        Eligibility eligibility = new Eligibility(
                RoutinePolicy.defaults(),
                new CustomerNeeds(noBudget, RoutinePolicy.defaults()),
                noBudget.areas().contains(Area.FACE) ? Area.FACE : Area.HANDS);
        Optional<Integer> highest = catalogue.stream()
                .filter(p -> p.category() == Category.SUNSCREEN
                        && available(p)
                        && p.spf() != null
                        && p.spf() >= DAILY_MINIMUM_SPF
                        && eligibility.allows(p)
                        && Conflicts.usableInTheMorning(p))
                .map(ProductState::spf)
                .max(Integer::compare);
        Optional<Routine.Step> spfStep = routine.am().stream()
                .filter(s -> s.slot() == Category.SUNSCREEN && s.area() == eligibility.area())
                .findFirst();
        if (highest.isPresent()) {
            assertThat(spfStep)
                    .as("an SPF step while SPF %s is in stock", highest.get())
                    .isPresent();
            assertThat(bySku(catalogue).get(spfStep.get().product().sku()).spf())
                    .isGreaterThanOrEqualTo(highest.get());
        }
        spfStep.ifPresent(step -> {
            int given = bySku(catalogue).get(step.product().sku()).spf();
            boolean belowTarget = given < RoutinePolicy.defaults().acceptableSpf(routine.minimumSpf());
            assertThat(codes(routine).contains(WarningCode.SPF_BELOW_TARGET)).isEqualTo(belowTarget);
        });
        if (spfStep.isEmpty()) {
            assertThat(codes(routine)).contains(WarningCode.SLOT_UNFILLED);
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void nothingSunSensitizingWithoutTheMorningSpfAndNoPrescriptionRetinoid(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        assertNothingSunSensitizingWithoutSpf(build(answers, catalogue), catalogue);
    }

    private static void assertNothingSunSensitizingWithoutSpf(Routine routine, List<ProductState> catalogue) {
        boolean spfStep = routine.am().stream().anyMatch(s -> s.slot() == Category.SUNSCREEN);
        for (ProductState product : products(routine, catalogue)) {
            if (!spfStep) {
                assertThat(classes(product))
                        .as(product.sku() + " without SPF")
                        .doesNotContain(Active.RETINOID, Active.BENZOYL_PEROXIDE);
                assertThat(treating(product)).as(product.sku() + " without SPF").doesNotContain(Active.AHA, Active.BHA);
            }
            assertThat(canonicals(product)).as(product.sku()).doesNotContain("Tretinoin", "Adapalene", "Isotretinoin");
        }
    }

    @Property(tries = 600, shrinking = ShrinkingMode.BOUNDED)
    void withinBudgetAndEveryProductSuitsTheSkinTypeAndIsAvailable(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        assertWithinBudgetSuitedAndAvailable(build(answers, catalogue), catalogue, answers);
    }

    /** The budget holds for the products as they are (their prices summed), not only for the total said. */
    private static void assertWithinBudgetSuitedAndAvailable(
            Routine routine, List<ProductState> catalogue, Answers answers) {
        if (answers.budget() != null) {
            assertThat(routine.total().amount())
                    .isLessThanOrEqualTo(answers.budget().amount());
            BigDecimal sum = products(routine, catalogue).stream()
                    .map(p -> p.price().amount())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isLessThanOrEqualTo(answers.budget().amount());
        }
        for (ProductState product : products(routine, catalogue)) {
            assertThat(available(product))
                    .as(product.sku() + " on sale and in stock")
                    .isTrue();
            if (answers.skinType() != null) {
                assertThat(product.skinTypes()).as(product.sku()).contains(answers.skinType());
            }
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void eachAreaAskedForIsServedOrWarnedAbout(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        Routine routine = build(answers, catalogue);
        Map<String, ProductState> bySku = bySku(catalogue);
        List<Routine.Step> steps =
                Stream.concat(routine.am().stream(), routine.pm().stream()).toList();
        boolean handsBesideTheFace =
                answers.areas().contains(Area.FACE) && answers.areas().contains(Area.HANDS);
        for (Area area : answers.areas()) {
            boolean protectedArea = steps.stream()
                    .anyMatch(s -> s.slot() == Category.SUNSCREEN
                            && bySku.get(s.product().sku()).areas().contains(area));
            boolean cared = steps.stream()
                    .anyMatch(s -> s.slot() != Category.SUNSCREEN
                            && s.slot() != Category.CLEANSER
                            && bySku.get(s.product().sku()).areas().contains(area));
            if (area == Area.HANDS && handsBesideTheFace) {
                // the hands have steps of their own, or a face product labelled for them, or a warning naming them
                boolean warned = codes(routine).contains(WarningCode.AREA_UNSERVED);
                assertThat(protectedArea || warned)
                        .as("hands protected or warned")
                        .isTrue();
                assertThat(cared || warned).as("hands cared for or warned").isTrue();
                // and a warning only where the catalogue has nothing: a plain hand sunscreen in stock is used
                Eligibility hands = new Eligibility(
                        RoutinePolicy.defaults(), new CustomerNeeds(answers, RoutinePolicy.defaults()), Area.HANDS);
                boolean plainHandSunscreen = catalogue.stream()
                        .anyMatch(p -> p.category() == Category.SUNSCREEN
                                && available(p)
                                && p.spf() >= DAILY_MINIMUM_SPF
                                && hands.allows(p)
                                && Conflicts.usableInTheMorning(p)
                                && Safety.of(p) == 0);
                if (plainHandSunscreen && answers.budget() == null) {
                    assertThat(protectedArea)
                            .as("hands protected while a plain hand sunscreen is in stock")
                            .isTrue();
                }
            } else if (!protectedArea) {
                assertThat(codes(routine))
                        .as(area + " without sun protection says so")
                        .contains(WarningCode.SLOT_UNFILLED);
            }
        }
    }

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void sameInputsSameRoutineWhateverTheCatalogueOrder(
            @ForAll("catalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers, @ForAll long seed) {
        List<ProductState> shuffled = new ArrayList<>(catalogue);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(build(answers, shuffled)).isEqualTo(build(answers, catalogue));
    }

    /**
     * Every alternative offered is as safe as the product it would take the place of: swapped into its step (and its
     * nights), the routine still passes every property above; and what it claims holds (cheaper, fragrance-free).
     */
    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void everyAlternativeSwappedInKeepsTheRoutineSafe(
            @ForAll("largeCatalogues") List<ProductState> catalogue, @ForAll("answers") Answers answers) {
        Statistics.collect(assertAlternativesAreSafe(catalogue, answers) > 0);
        // the property must stay about something: about 28% of these routines offer alternatives (the rest of
        // the generated catalogue is sold out, discontinued, for another skin type or clashes), a few per routine
        Statistics.coverage(coverage -> coverage.check(true).percentage(p -> p > 15));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void everyAlternativeKeepsTheRoutineSafeWhereStrongActivesAbound(
            @ForAll("activeCatalogues") List<ProductState> catalogue, @ForAll("activeAnswers") Answers answers) {
        assertAlternativesAreSafe(catalogue, answers);
    }

    /** Returns how many alternatives were offered and checked. */
    private static int assertAlternativesAreSafe(List<ProductState> catalogue, Answers answers) {
        int offeredCount = 0;
        Routine routine = ENGINE.build(
                "c-1",
                1L,
                answers,
                "en",
                TestCatalog.of(catalogue.toArray(ProductState[]::new)),
                RoutineEngine.Detail.FULL);
        Map<String, ProductState> bySku = bySku(catalogue);
        for (Routine.Step step :
                Stream.concat(routine.am().stream(), routine.pm().stream()).toList()) {
            assertThat(step.alternatives()).as(step.id()).hasSizeLessThanOrEqualTo(2);
            ProductState chosen = bySku.get(step.product().sku());
            for (Routine.Alternative alternative : step.alternatives()) {
                ProductState offered = bySku.get(alternative.product().sku());
                String swap = step.id() + ": " + chosen.sku() + " -> " + offered.sku();
                offeredCount++;
                Routine swapped = swap(routine, step, alternative.product());
                assertThat(products(routine, catalogue))
                        .as(swap + " is not in the routine already")
                        .doesNotContain(offered);
                if (answers.pregnantOrBreastfeeding()) {
                    assertSafeInPregnancy(swapped, catalogue);
                }
                if (answers.sensitive()) {
                    assertGentleForSensitiveSkin(swapped, catalogue);
                }
                assertNothingAvoided(swapped, catalogue, answers);
                assertTheWeekIsSafe(swapped, catalogue, answers);
                assertEachStepAtItsTime(swapped, catalogue);
                assertNothingSunSensitizingWithoutSpf(swapped, catalogue);
                assertWithinBudgetSuitedAndAvailable(swapped, catalogue, answers);
                assertThat(offered.category()).as(swap).isEqualTo(chosen.category());
                if (alternative.why().contains(Routine.AlternativeReason.CHEAPER)) {
                    assertThat(offered.price().amount())
                            .as(swap)
                            .isLessThan(chosen.price().amount());
                }
                if (alternative.why().contains(Routine.AlternativeReason.FRAGRANCE_FREE)) {
                    assertThat(classes(offered)).as(swap).doesNotContain(Active.FRAGRANCE);
                }
                if (step.slot() == Category.SUNSCREEN) {
                    assertThat(offered.spf())
                            .as(swap)
                            .isGreaterThanOrEqualTo(Math.min(
                                    chosen.spf(), RoutinePolicy.defaults().acceptableSpf(routine.minimumSpf())));
                }
            }
        }
        return offeredCount;
    }

    /** The routine with one step's product replaced, in the step and in the nights of the week. */
    private static Routine swap(Routine routine, Routine.Step replaced, Routine.ProductRef by) {
        String sku = replaced.product().sku();
        Function<List<Routine.Step>, List<Routine.Step>> swapIn = steps -> steps.stream()
                .map(s -> s != replaced
                        ? s
                        : new Routine.Step(
                                s.step(),
                                s.slot(),
                                by,
                                s.reasons(),
                                s.usage(),
                                s.frequency(),
                                s.area(),
                                s.nights(),
                                s.rampUpWeeks()))
                .toList();
        List<Routine.Night> week = replaced.time() == TimeOfDay.AM
                ? routine.week()
                : routine.week().stream()
                        .map(n -> new Routine.Night(
                                n.night(),
                                n.skus().stream()
                                        .map(k -> k.equals(sku) ? by.sku() : k)
                                        .toList()))
                        .toList();
        return new Routine(
                routine.customerId(),
                routine.profileVersion(),
                routine.locale(),
                routine.approach(),
                routine.minimumSpf(),
                swapIn.apply(routine.am()),
                swapIn.apply(routine.pm()),
                week,
                routine.warnings(),
                routine.total(),
                null,
                null);
    }

    // ---- generators -----------------------------------------------------------------------------------------

    /** Catalogues with several products per slot: where alternatives are to be had. */
    @Provide
    Arbitrary<List<ProductState>> largeCatalogues() {
        return product().list().ofMinSize(60).ofMaxSize(160).map(RoutineSafetyProperties::withUniqueSkus);
    }

    @Provide
    Arbitrary<List<ProductState>> catalogues() {
        return product().list().ofMinSize(3).ofMaxSize(60).map(RoutineSafetyProperties::withUniqueSkus);
    }

    private static Arbitrary<TestCatalog.Builder> product() {
        Arbitrary<Category> category = Arbitraries.of(Category.class);
        Arbitrary<List<Ingredient>> ingredients = Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Combinators.combine(Arbitraries.of(SPELLINGS), Arbitraries.of(STRENGTHS))
                                .as((name, percent) ->
                                        new Ingredient(name, percent == null ? null : new BigDecimal(percent)))
                                .list()
                                .ofMinSize(0)
                                .ofMaxSize(4))
                .as((fillers, actives) -> {
                    List<Ingredient> list = new ArrayList<>();
                    FILLERS.subList(0, fillers)
                            .forEach(f -> list.add(new Ingredient(f, null))); // pushes actives to trace
                    actives.stream()
                            .filter(a -> list.stream().noneMatch(i -> i.inci().equals(a.inci())))
                            .forEach(list::add);
                    return list;
                });
        Arbitrary<Set<SkinType>> skinTypes = Arbitraries.oneOf(
                Arbitraries.just(EnumSet.allOf(SkinType.class)),
                Arbitraries.of(SkinType.class).set().ofMinSize(1).ofMaxSize(3).map(EnumSet::copyOf));
        Arbitrary<Set<Area>> areas =
                Arbitraries.of(EnumSet.of(Area.FACE), EnumSet.of(Area.HANDS), EnumSet.of(Area.FACE, Area.HANDS));
        Arbitrary<Set<Concern>> declared = Arbitraries.of(Concern.class)
                .set()
                .ofMaxSize(2)
                .map(s -> s.isEmpty() ? EnumSet.noneOf(Concern.class) : EnumSet.copyOf(s));
        Arbitrary<Integer> spf = Arbitraries.of(10, 15, 20, 30, 50, 60);
        Arbitrary<TimeOfDay> time = Arbitraries.of(TimeOfDay.class);
        Arbitrary<Integer> stock = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(1, 50)), Tuple.of(1, Arbitraries.just(0)));
        Arbitrary<Boolean> discontinued = Arbitraries.integers().between(1, 20).map(i -> i == 1);
        Arbitrary<Boolean> moisturizerSpf = Arbitraries.integers().between(1, 4).map(i -> i == 1);
        return Combinators.combine(category, ingredients, skinTypes, areas, declared, spf, time, stock)
                .as((c, inci, types, where, concerns, factor, when, left) -> {
                    TestCatalog.Builder builder = TestCatalog.product("P", c, "9.90")
                            .skinTypes(types.toArray(SkinType[]::new))
                            .areas(where.toArray(Area[]::new))
                            .timeOfDay(c == Category.SUNSCREEN && when == TimeOfDay.PM ? TimeOfDay.ANY : when)
                            .stock(left);
                    if (!concerns.isEmpty()) {
                        builder.concerns(concerns.toArray(Concern[]::new));
                    }
                    inci.forEach(i -> builder.inci(
                            i.inci(), i.percent() == null ? null : i.percent().toPlainString()));
                    return new Object[] {builder, c, factor};
                })
                .flatMap(parts -> Combinators.combine(Arbitraries.of(PRICES), discontinued, moisturizerSpf)
                        .as((price, gone, withSpf) -> {
                            TestCatalog.Builder builder = (TestCatalog.Builder) parts[0];
                            Category c = (Category) parts[1];
                            if (c == Category.SUNSCREEN || (c == Category.MOISTURIZER && withSpf)) {
                                builder.spf((Integer) parts[2]);
                            }
                            if (gone) {
                                builder.discontinued();
                            }
                            return builder.price(price);
                        }));
    }

    /** Strong actives at strengths on both sides of the rules' thresholds, in the categories that may carry them. */
    private static final List<String> STRONG_ACTIVES = List.of(
            "Retinol",
            "Retinal",
            "Retinyl Palmitate",
            "Glycolic Acid",
            "Lactic Acid",
            "Mandelic Acid",
            "Salicylic Acid",
            "Gluconolactone",
            "Benzoyl Peroxide",
            "L-Ascorbic Acid",
            "Niacinamide",
            "Sodium Hyaluronate",
            "Palmitoyl Tripeptide-1");

    @Provide
    Arbitrary<List<ProductState>> activeCatalogues() {
        Arbitrary<Category> category = Arbitraries.of(
                Category.SERUM, Category.SERUM, Category.EXFOLIANT, Category.CLEANSER, Category.MOISTURIZER);
        Arbitrary<Ingredient> active = Combinators.combine(
                        Arbitraries.of(STRONG_ACTIVES),
                        Arbitraries.of(Arrays.asList(null, "0.1", "0.3", "1", "2", "5", "8", "10")))
                .as((name, percent) -> new Ingredient(name, percent == null ? null : new BigDecimal(percent)));
        Arbitrary<TestCatalog.Builder> product = Combinators.combine(
                        category,
                        active.list().ofMinSize(1).ofMaxSize(2),
                        Arbitraries.of(TimeOfDay.class),
                        Arbitraries.of(PRICES))
                .as((c, actives, time, price) -> {
                    TestCatalog.Builder builder =
                            TestCatalog.product("P", c, price).timeOfDay(time);
                    actives.stream()
                            .map(Ingredient::inci)
                            .distinct()
                            .forEach(name -> builder.inci(
                                    name,
                                    actives.stream()
                                            .filter(i -> i.inci().equals(name))
                                            .findFirst()
                                            .map(i -> i.percent() == null
                                                    ? null
                                                    : i.percent().toPlainString())
                                            .orElse(null)));
                    return builder;
                });
        return product.list().ofMinSize(4).ofMaxSize(30).map(builders -> {
            List<ProductState> products = new ArrayList<>(withUniqueSkus(builders));
            products.add(TestCatalog.product("SUN-50", Category.SUNSCREEN, "15.00")
                    .spf(50)
                    .build());
            return products;
        });
    }

    @Provide
    Arbitrary<Answers> activeAnswers() {
        Arbitrary<List<Concern>> concerns = Arbitraries.of(
                        Concern.FINE_LINES,
                        Concern.UNEVEN_TEXTURE,
                        Concern.ENLARGED_PORES,
                        Concern.CLOGGED_PORES,
                        Concern.DARK_SPOTS,
                        Concern.FIRMNESS,
                        Concern.DULLNESS)
                .list()
                .uniqueElements()
                .ofMinSize(1)
                .ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(AgeBand.class), concerns)
                .as((sensitive, age, wanted) -> new Answers(
                        SkinType.NORMAL,
                        sensitive,
                        age,
                        wanted,
                        BigDecimal.ONE,
                        false,
                        List.of(),
                        List.of(Area.FACE),
                        null,
                        false));
    }

    @Provide
    Arbitrary<Answers> answers() {
        Arbitrary<SkinType> skinType = Arbitraries.of(SkinType.class).injectNull(0.1);
        Arbitrary<List<Concern>> concerns = Arbitraries.of(Concern.class)
                .list()
                .uniqueElements()
                .ofMinSize(1)
                .ofMaxSize(3);
        Arbitrary<List<String>> avoid =
                Arbitraries.of(AVOIDABLE).list().uniqueElements().ofMaxSize(3);
        Arbitrary<List<Area>> areas =
                Arbitraries.of(List.of(Area.FACE), List.of(Area.HANDS), List.of(Area.FACE, Area.HANDS));
        Arbitrary<Money> budget = Arbitraries.integers()
                .between(15, 250)
                .map(amount -> new Money(new BigDecimal(amount).setScale(2), "EUR"))
                .injectNull(0.6);
        Arbitrary<Integer> sunHours = Arbitraries.integers().between(0, 10);
        return Combinators.combine(
                        skinType,
                        Arbitraries.of(true, false),
                        Arbitraries.of(AgeBand.class),
                        concerns,
                        sunHours,
                        Arbitraries.of(true, false),
                        avoid,
                        areas)
                .as((type, sensitive, age, wanted, sun, pregnant, avoided, where) -> new Answers(
                        type, sensitive, age, wanted, BigDecimal.valueOf(sun), pregnant, avoided, where, null, false))
                .flatMap(a -> budget.map(b -> new Answers(
                        a.skinType(),
                        a.sensitive(),
                        a.ageBand(),
                        a.concerns(),
                        a.sunExposureHours(),
                        a.pregnantOrBreastfeeding(),
                        a.avoidIngredients(),
                        a.areas(),
                        b,
                        false)));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static final Set<Active> ACIDS = EnumSet.of(Active.AHA, Active.BHA, Active.PHA);

    private static Routine build(Answers answers, List<ProductState> catalogue) {
        return ENGINE.build("c-1", 1L, answers, "en", TestCatalog.of(catalogue.toArray(ProductState[]::new)));
    }

    private static Answers with(Answers answers, Function<Answers, Answers> change) {
        return change.apply(answers);
    }

    private static List<ProductState> withUniqueSkus(List<TestCatalog.Builder> products) {
        List<ProductState> unique = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            unique.add(products.get(i).sku(String.format("P-%03d", i)).build());
        }
        return unique;
    }

    private static Map<String, ProductState> bySku(List<ProductState> catalogue) {
        return catalogue.stream().collect(Collectors.toMap(ProductState::sku, p -> p));
    }

    /** Every distinct product of the routine, as the catalogue has it. */
    private static List<ProductState> products(Routine routine, List<ProductState> catalogue) {
        Map<String, ProductState> bySku = bySku(catalogue);
        return Stream.concat(routine.am().stream(), routine.pm().stream())
                .map(s -> bySku.get(s.product().sku()))
                .distinct()
                .toList();
    }

    private static boolean available(ProductState product) {
        return product.status() == ProductStatus.ACTIVE && product.stock() > 0;
    }

    /** The classes of every ingredient, by the dictionary, whatever its amount (safety counts traces too). */
    private static Set<Active> classes(ProductState product) {
        Set<Active> classes = EnumSet.noneOf(Active.class);
        for (Ingredient ingredient : product.ingredients()) {
            InciDictionary.activeOf(ingredient.inci()).ifPresent(classes::add);
        }
        return classes;
    }

    /** The classes present as a treatment: a trace acid that adjusts the pH exfoliates nothing. */
    private static Set<Active> treating(ProductState product) {
        return InciDictionary.derive(product.ingredients()).stream()
                .filter(a -> !a.trace())
                .map(ActiveStrength::code)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Active.class)));
    }

    private static Set<String> treatingForms(ProductState product) {
        return InciDictionary.derive(product.ingredients()).stream()
                .filter(a -> !a.trace())
                .map(ActiveStrength::form)
                .collect(Collectors.toSet());
    }

    private static Set<String> canonicals(ProductState product) {
        return product.ingredients().stream()
                .map(i -> InciDictionary.lookup(i.inci()))
                .flatMap(Optional::stream)
                .map(InciDictionary.Entry::canonical)
                .collect(Collectors.toSet());
    }

    /** The summed stated strength of the salicylates; unstated counts as above any limit, a trace as none. */
    private static double salicylatePercent(ProductState product) {
        double sum = 0;
        for (ActiveStrength active : InciDictionary.derive(product.ingredients())) {
            if (active.code() == Active.BHA && !active.trace()) {
                sum += active.percent() == null ? 100 : active.percent().doubleValue();
            }
        }
        return sum;
    }

    private static String matchKey(String name) {
        return InciDictionary.lookup(name)
                .map(InciDictionary.Entry::canonical)
                .orElseGet(() -> InciDictionary.normalize(name));
    }

    private static List<WarningCode> codes(Routine routine) {
        return routine.warnings().stream().map(Routine.Warning::code).toList();
    }
}
