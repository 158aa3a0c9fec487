package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.TimeOfDay;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import static com.skincareshop.recommendation.domain.Eligibility.has;
import static com.skincareshop.recommendation.domain.Eligibility.hasAny;

/**
 * Builds a routine from a customer's answers and the available catalogue (DOMAIN.md). Plain Java and
 * deterministic: the same answers and catalogue give the same routine; ties are broken by sku.
 *
 * <p>Order of work: hard filters ({@link Eligibility}); serums scored by how well their actives treat the
 * customer's concerns in order of importance, then chosen greedily to cover the concerns (at most
 * {@link RoutinePolicy#maxSerums()}); an exfoliant for pores and texture; cleanser and moisturizer chosen for the
 * same goal; the SPF step; the budget; then the steps in application order with reasons, usage and warnings.
 */
public final class RoutineEngine {

    /** Concerns that call for exfoliation (pores seed: dead cells clog pores and keep serums out). */
    private static final Set<Concern> EXFOLIATION_CONCERNS = EnumSet.of(Concern.ENLARGED_PORES,
            Concern.SAGGING_PORES, Concern.CLOGGED_PORES, Concern.UNEVEN_TEXTURE);
    private static final Set<Concern> PORE_CONCERNS = EnumSet.of(Concern.ENLARGED_PORES, Concern.SAGGING_PORES);
    /** Two serums never share one of these: a second would double the dose, not add a benefit. */
    private static final Set<Active> ONE_SERUM_EACH = EnumSet.of(Active.VITAMIN_C, Active.RETINOID, Active.AHA,
            Active.BHA, Active.BENZOYL_PEROXIDE);

    /** The categories whose products may be the SPF step. */
    private static final List<Category> SPF_CATEGORIES = List.of(Category.SUNSCREEN, Category.MOISTURIZER);
    /**
     * Ranks the second and later serums by new coverage, then score, as one number: gains differ by at least 0.5,
     * scores span less than 100, and every value is a small binary fraction, so the sum is exact.
     */
    private static final double GAIN_RANK = 1024;
    private static final Active[] ACTIVES = Active.values();

    private final RoutinePolicy policy;

    public RoutineEngine(RoutinePolicy policy) {
        this.policy = policy;
    }

    public Routine build(String customerId, Long profileVersion, Answers answers, String locale, CatalogView catalog) {
        return new Build(policy, answers, Locales.resolve(locale), catalog).routine(customerId, profileVersion);
    }

    /** One computation: the state of building one routine. */
    private static final class Build {
        private final RoutinePolicy policy;
        private final Answers answers;
        private final String locale;
        private final CatalogView catalog;
        private final Messages messages;
        private final Eligibility eligibility;
        private final Map<Concern, Double> concernWeights = new EnumMap<>(Concern.class);
        private final Approach approach;
        private final List<Routine.Warning> warnings = new ArrayList<>();
        private final Set<Category> unfilled = EnumSet.noneOf(Category.class);
        /** The customer's concerns and their weights, as arrays: the bounds read them once per product group. */
        private final Concern[] concerns;
        private final double[] weights;
        private final int wantedAreas;
        /** Bit per {@link Concern} ordinal: the customer's concerns, which every bound reads. */
        private final int concernBits;
        /** Per {@link Active} ordinal: whether the active treats one of the customer's concerns at some strength. */
        private final boolean[] treatsAConcern = new boolean[ACTIVES.length];

        private final List<Scored> serums = new ArrayList<>();
        private Scored exfoliant;
        private ProductState amCleanser;
        private ProductState pmCleanser;
        private ProductState amMoisturizer;
        private ProductState pmMoisturizer;
        private ProductState spf;
        private boolean exfoliationWanted;

        Build(RoutinePolicy policy, Answers answers, String locale, CatalogView catalog) {
            this.policy = policy;
            this.answers = answers;
            this.locale = locale;
            this.catalog = catalog;
            this.messages = Messages.of(locale);
            this.eligibility = new Eligibility(policy, answers);
            int n = answers.concerns().size();
            for (int i = 0; i < n; i++) {
                concernWeights.put(answers.concerns().get(i), (double) (n - i)); // first is most important
            }
            this.concerns = concernWeights.keySet().toArray(Concern[]::new);
            this.weights = concernWeights.values().stream().mapToDouble(Double::doubleValue).toArray();
            this.wantedAreas = Traits.bits(answers.areas());
            this.concernBits = Traits.bits(answers.concerns());
            for (Active active : ACTIVES) {
                treatsAConcern[active.ordinal()] = answers.concerns().stream().anyMatch(c -> ActiveEffects.treats(active, c));
            }
            boolean firmnessConcern = answers.concerns().contains(Concern.FIRMNESS)
                    || answers.concerns().contains(Concern.SAGGING_PORES);
            this.approach = firmnessConcern || (answers.ageBand() != null && answers.ageBand().isThirtyFiveOrOlder())
                    ? Approach.CORRECTIVE : Approach.PREVENTIVE;
        }

        Routine routine(String customerId, Long profileVersion) {
            chooseSerums();
            chooseExfoliant();
            chooseCompanions();
            int requiredSpf = policy.requiredSpf(answers.sunExposureHours());
            int acceptableSpf = policy.acceptableSpf(requiredSpf, locale);
            chooseSpf(requiredSpf, acceptableSpf);
            applyBudget(acceptableSpf);
            reportUnfilledSlots();
            List<Routine.Step> am = morning(requiredSpf);
            List<Routine.Step> pm = evening();
            addWarnings(requiredSpf, acceptableSpf);
            return new Routine(customerId, profileVersion, locale, approach, requiredSpf, am, pm,
                    List.copyOf(warnings), total());
        }

        // ---- serums ------------------------------------------------------------------------------------

        /** A candidate with its score; {@code covered}: the customer's concerns its actives treat. */
        private record Scored(ProductState product, double score, Set<Concern> covered) {
        }

        /** A question to the catalogue, for this customer's skin type. */
        private Search search(Predicate<ProductState> allows, ToDoubleFunction<ProductState> score, Bound bound) {
            return new StepSearch(answers.skinType(), concernBits, allows, score, bound);
        }

        /** A serum is a candidate when it may be recommended and treats at least one of the customer's concerns. */
        private boolean serumCandidate(ProductState product) {
            return eligibility.allows(product) && treatsAConcern(product);
        }

        private boolean treatsAConcern(ProductState product) {
            for (Concern concern : concerns) {
                if (ActiveEffects.effect(product.actives(), concern) > 0) {
                    return true;
                }
            }
            return false;
        }

        /** {@link #scoreSerum} at its highest for serums with these traits (only the preventive penalty is left out). */
        private double serumBound(Traits traits) {
            if (!traits.hasArea(eligibility.area())) {
                return Double.NEGATIVE_INFINITY;
            }
            double bound = 0;
            boolean treats = false;
            for (int i = 0; i < concerns.length; i++) {
                double effect = traits.effect(concerns[i]);
                treats |= effect > 0;
                bound += weights[i] * effect;
            }
            if (!treats) {
                return Double.NEGATIVE_INFINITY;
            }
            bound += 2; // suits the skin type
            for (Active active : ACTIVES) {
                if (treatsAConcern[active.ordinal()]) {
                    bound += traits.atEffectiveStrength(active);
                }
            }
            if (approach == Approach.CORRECTIVE ? traits.corrective : traits.preventive) {
                bound += 1;
            }
            return traits.coversAreas(wantedAreas) ? bound + 0.5 : bound;
        }


        private Scored scoreSerum(ProductState product) {
            Set<Concern> covered = EnumSet.noneOf(Concern.class);
            double score = 0;
            for (int i = 0; i < concerns.length; i++) {
                double effect = ActiveEffects.effect(product.actives(), concerns[i]);
                if (effect > 0) {
                    covered.add(concerns[i]);
                    score += weights[i] * effect;
                }
            }
            if (covered.isEmpty()) {
                return new Scored(product, 0, covered);
            }
            score += suitsSkinType(product) ? 2 : -2;
            for (ActiveStrength active : product.actives()) {
                if (ActiveEffects.atMostEffectiveStrength(active) && helpsAnyConcern(active)) {
                    score += 1;
                }
            }
            Set<Active> preferred = approach == Approach.CORRECTIVE ? ActiveEffects.CORRECTIVE : ActiveEffects.PREVENTIVE;
            if (hasAny(product.actives(), preferred)) {
                score += 1;
            }
            if (approach == Approach.PREVENTIVE && strongerThan(product, Active.RETINOID, policy.sensitiveMaxRetinol())) {
                score -= 1; // preventive care prefers lower strengths
            }
            if (product.areas().containsAll(answers.areas())) {
                score += 0.5;
            }
            return new Scored(product, score, covered);
        }

        /**
         * Greedy cover: the best-scored serum first (if its score is positive), then each time the compatible serum
         * that treats the most of what is still uncovered, ties going to the better-scored one, then the smaller sku.
         */
        private void chooseSerums() {
            Search first = search(this::serumCandidate, p -> scoreSerum(p).score(), this::serumBound);
            Optional<Scored> best = catalog.best(Category.SERUM, first).map(this::scoreSerum).filter(s -> s.score() > 0);
            Set<Concern> covered = EnumSet.noneOf(Concern.class);
            while (best.isPresent()) {
                serums.add(best.get());
                covered.addAll(best.get().covered());
                if (serums.size() == policy.maxSerums()) {
                    break;
                }
                Set<Concern> alreadyCovered = EnumSet.copyOf(covered);
                // gain first, then score: GAIN_RANK keeps any difference in gain above any difference in score
                Search next = search(
                        p -> serumCandidate(p) && !chosenSerum(p) && compatibleWithChosenSerums(p)
                                && newCoverage(p.actives(), alreadyCovered) > 0,
                        p -> newCoverage(p.actives(), alreadyCovered) * GAIN_RANK + scoreSerum(p).score(),
                        traits -> {
                            double gain = newCoverage(traits, alreadyCovered);
                            return gain > 0 ? gain * GAIN_RANK + serumBound(traits) : Double.NEGATIVE_INFINITY;
                        });
                best = catalog.best(Category.SERUM, next).map(this::scoreSerum);
            }
        }

        private double newCoverage(List<ActiveStrength> actives, Set<Concern> alreadyCovered) {
            double gain = 0;
            for (int i = 0; i < concerns.length; i++) {
                if (!alreadyCovered.contains(concerns[i])) {
                    gain += weights[i] * ActiveEffects.effect(actives, concerns[i]);
                }
            }
            return gain;
        }

        private double newCoverage(Traits traits, Set<Concern> alreadyCovered) {
            double gain = 0;
            for (int i = 0; i < concerns.length; i++) {
                if (!alreadyCovered.contains(concerns[i])) {
                    gain += weights[i] * traits.effect(concerns[i]);
                }
            }
            return gain;
        }

        private boolean chosenSerum(ProductState product) {
            for (Scored serum : serums) {
                if (serum.product().sku().equals(product.sku())) {
                    return true;
                }
            }
            return false;
        }

        private boolean compatibleWithChosenSerums(ProductState candidate) {
            for (Scored chosen : serums) {
                for (Active active : ONE_SERUM_EACH) {
                    if (has(candidate.actives(), active) && has(chosen.product().actives(), active)) {
                        return false;
                    }
                }
            }
            return true;
        }

        // ---- exfoliant ---------------------------------------------------------------------------------

        private void chooseExfoliant() {
            boolean wanted = answers.concerns().stream().anyMatch(EXFOLIATION_CONCERNS::contains);
            boolean serumExfoliates = serums.stream()
                    .anyMatch(s -> hasAny(s.product().actives(), ActiveEffects.EXFOLIATING_ACIDS));
            exfoliationWanted = wanted && !serumExfoliates;
            if (!exfoliationWanted) {
                return;
            }
            exfoliant = catalog.best(Category.EXFOLIANT, search(eligibility::allows, p -> companionScore(p, false),
                            traits -> companionBound(traits, false)))
                    .map(p -> new Scored(p, companionScore(p, false), covered(p)))
                    .orElse(null);
        }

        // ---- cleanser and moisturizer --------------------------------------------------------------------

        private void chooseCompanions() {
            boolean retinoidInRoutine = chosenProducts().stream().anyMatch(p -> has(p.actives(), Active.RETINOID));
            // morning products: nothing photosensitizing; evening: no benzoyl peroxide next to a retinoid
            Predicate<ProductState> morning = Build::usableInTheMorning;
            Predicate<ProductState> evening = p -> usableAt(p, TimeOfDay.PM)
                    && !(retinoidInRoutine && has(p.actives(), Active.BENZOYL_PEROXIDE));
            amCleanser = best(Category.CLEANSER, morning, false).orElse(null);
            pmCleanser = best(Category.CLEANSER, evening, false).orElse(null);
            amMoisturizer = best(Category.MOISTURIZER, morning, false).orElse(null);
            pmMoisturizer = best(Category.MOISTURIZER, evening, true).orElse(null);
        }

        private Optional<ProductState> best(Category category, Predicate<ProductState> usable, boolean evening) {
            return catalog.best(category, search(p -> eligibility.allows(p) && usable.test(p),
                    p -> companionScore(p, evening), traits -> companionBound(traits, evening)));
        }

        /** {@link #companionScore} of any product with these traits: it reads nothing else. */
        private double companionBound(Traits traits, boolean evening) {
            if (!traits.hasArea(eligibility.area())) {
                return Double.NEGATIVE_INFINITY;
            }
            double bound = 2; // suits the skin type
            for (int i = 0; i < concerns.length; i++) {
                bound += weights[i] * traits.reach(concerns[i]);
            }
            if (traits.coversAreas(wantedAreas)) {
                bound += 0.5;
            }
            return evening && traits.spf != null ? bound - 0.5 : bound;
        }

        /** Skin type first, then the same goal as the serum (brightening seed: together they work sooner). */
        private double companionScore(ProductState product, boolean evening) {
            double score = suitsSkinType(product) ? 2 : -2;
            for (int i = 0; i < concerns.length; i++) {
                double declared = product.concerns().contains(concerns[i]) ? 0.5 : 0;
                double treated = ActiveEffects.effect(product.actives(), concerns[i]) * 0.5;
                score += weights[i] * Math.max(declared, treated);
            }
            if (product.areas().containsAll(answers.areas())) {
                score += 0.5;
            }
            if (evening && product.spf() != null) {
                score -= 0.5; // SPF is wasted at night
            }
            return score;
        }

        /** Rule 8: nothing photosensitizing (retinoids, AHAs) goes on in the morning. */
        private static boolean usableInTheMorning(ProductState product) {
            return usableAt(product, TimeOfDay.AM) && !hasAny(product.actives(), ActiveEffects.PHOTOSENSITIZING);
        }

        private static boolean usableAt(ProductState product, TimeOfDay time) {
            return product.timeOfDay() == TimeOfDay.ANY || product.timeOfDay() == time;
        }

        // ---- sun protection ------------------------------------------------------------------------------

        /** A sunscreen, or a morning moisturizer whose SPF meets the minimum (then it is both steps). */
        private void chooseSpf(int requiredSpf, int acceptableSpf) {
            ToDoubleFunction<ProductState> score = p -> spfScore(p, requiredSpf);
            Comparator<ProductState> better = Comparator.comparingDouble(score)
                    .thenComparing(ProductState::sku, Comparator.reverseOrder());
            spf = SPF_CATEGORIES.stream()
                    .flatMap(category -> catalog.best(category, search(p -> spfCandidate(p, acceptableSpf), score,
                            traits -> spfBound(traits, requiredSpf, acceptableSpf))).stream())
                    .max(better)
                    .orElse(null);
        }

        /** Sunscreens, and morning moisturizers, whose SPF meets the minimum: the candidates for the SPF step. */
        private boolean spfCandidate(ProductState product, int acceptableSpf) {
            return product.spf() != null && product.spf() >= acceptableSpf && eligibility.allows(product)
                    && (product.category() == Category.SUNSCREEN || usableInTheMorning(product));
        }

        /** Whether a group with these ceiling traits can hold a candidate for the SPF step. */
        private boolean mayProtect(Traits traits, int acceptableSpf) {
            return traits.hasArea(eligibility.area()) && traits.spf != null && traits.spf >= acceptableSpf;
        }

        /** {@link #spfScore} of any product with these traits. */
        private double spfBound(Traits traits, int requiredSpf, int acceptableSpf) {
            if (!mayProtect(traits, acceptableSpf)) {
                return Double.NEGATIVE_INFINITY;
            }
            double bound = 2; // suits the skin type
            if (traits.spf >= requiredSpf) {
                bound += 1;
            }
            if (traits.category == Category.SUNSCREEN) {
                bound += 1;
            }
            return traits.coversAreas(wantedAreas) ? bound + 0.5 : bound;
        }

        private double spfScore(ProductState product, int requiredSpf) {
            double score = suitsSkinType(product) ? 2 : -2;
            if (product.spf() >= requiredSpf) {
                score += 1; // where the market caps the label, a product that truly meets the need still wins
            }
            if (product.category() == Category.SUNSCREEN) {
                score += 1; // a dedicated sunscreen is applied generously; a moisturizer rarely is
            }
            if (product.areas().containsAll(answers.areas())) {
                score += 0.5;
            }
            return score;
        }

        // ---- budget --------------------------------------------------------------------------------------

        /** Rule 1: the whole routine within budget; optional steps go first, then cheaper core products. */
        private void applyBudget(int acceptableSpf) {
            Money budget = answers.budget();
            if (budget == null) {
                return;
            }
            if (!budget.currency().equals(policy.currency())) {
                warn(WarningCode.BUDGET_CURRENCY, budget.currency(), policy.currency());
                return;
            }
            if (total().amount().compareTo(budget.amount()) <= 0) {
                return;
            }
            warn(WarningCode.BUDGET_LIMITED, budget.amount().toPlainString() + " " + budget.currency());
            while (serums.size() > 1 && overBudget(budget)) {
                serums.remove(serums.size() - 1);
            }
            if (exfoliant == null) {
                chooseExfoliant(); // a dropped acid serum may have been the routine's exfoliation
            }
            if (overBudget(budget) && exfoliant != null) {
                exfoliant = null;
                exfoliationWanted = false;
            }
            if (!overBudget(budget)) {
                return;
            }
            // cheapest eligible core products, then the best serum the rest of the budget buys
            Scored serum = serums.isEmpty() ? null : serums.get(0);
            serums.clear();
            amCleanser = cheapest(amCleanser, Category.CLEANSER);
            pmCleanser = amCleanser != null && usableAt(amCleanser, TimeOfDay.PM) ? amCleanser : cheapest(pmCleanser, Category.CLEANSER);
            amMoisturizer = cheapest(amMoisturizer, Category.MOISTURIZER);
            pmMoisturizer = amMoisturizer != null && usableAt(amMoisturizer, TimeOfDay.PM) ? amMoisturizer
                    : cheapest(pmMoisturizer, Category.MOISTURIZER);
            spf = cheapestSpf(acceptableSpf);
            if (serum != null && fits(serum.product(), budget)) {
                serums.add(serum);
            } else if (serum != null) {
                BigDecimal room = budget.amount().subtract(total().amount()); // what a serum may cost
                catalog.best(Category.SERUM, search(p -> serumCandidate(p) && p.price().amount().compareTo(room) <= 0,
                                p -> scoreSerum(p).score(), this::serumBound))
                        .map(this::scoreSerum)
                        .ifPresentOrElse(serums::add, () -> unfilled(Category.SERUM, true));
            }
            // still over: leave out core steps, least essential first; sun protection goes last
            if (overBudget(budget) && (amCleanser != null || pmCleanser != null)) {
                amCleanser = pmCleanser = null;
                unfilled(Category.CLEANSER, true);
            }
            if (overBudget(budget) && (amMoisturizer != null || pmMoisturizer != null)) {
                amMoisturizer = pmMoisturizer = null;
                unfilled(Category.MOISTURIZER, true);
            }
            if (overBudget(budget) && !serums.isEmpty()) {
                serums.clear();
                unfilled(Category.SERUM, true);
            }
            if (overBudget(budget) && spf != null) {
                spf = null;
                unfilled(Category.SUNSCREEN, true);
            }
        }

        private ProductState cheapest(ProductState current, Category category) {
            if (current == null) {
                return null;
            }
            TimeOfDay time = current.timeOfDay();
            return catalog.cheapest(category, traits -> traits.hasArea(eligibility.area()), p -> (p.timeOfDay() == time || p.timeOfDay() == TimeOfDay.ANY)
                            && (!usableAt(current, TimeOfDay.AM) || usableInTheMorning(p))
                            && eligibility.allows(p))
                    .orElse(current);
        }

        private ProductState cheapestSpf(int acceptableSpf) {
            if (spf == null) {
                return null;
            }
            return SPF_CATEGORIES.stream()
                    .flatMap(category -> catalog.cheapest(category, traits -> mayProtect(traits, acceptableSpf),
                            p -> spfCandidate(p, acceptableSpf)).stream())
                    .min(CatalogView.BY_PRICE)
                    .orElse(spf);
        }

        private boolean fits(ProductState serum, Money budget) {
            return total().amount().add(serum.price().amount()).compareTo(budget.amount()) <= 0;
        }

        private boolean overBudget(Money budget) {
            return total().amount().compareTo(budget.amount()) > 0;
        }

        // ---- assembly ------------------------------------------------------------------------------------

        private List<Routine.Step> morning(int requiredSpf) {
            List<Routine.Step> steps = new ArrayList<>();
            if (amCleanser != null) {
                steps.add(step(steps, Category.CLEANSER, amCleanser, companionReasons(amCleanser), usage(Category.CLEANSER), Frequency.DAILY));
            }
            for (Scored serum : serums) {
                if (placement(serum.product()).contains(TimeOfDay.AM)) {
                    steps.add(step(steps, Category.SERUM, serum.product(), serumReasons(serum), serumUsage(serum.product(), TimeOfDay.AM), Frequency.DAILY));
                }
            }
            boolean spfIsMoisturizer = spf != null && spf.category() == Category.MOISTURIZER;
            if (amMoisturizer != null && !spfIsMoisturizer) {
                steps.add(step(steps, Category.MOISTURIZER, amMoisturizer, companionReasons(amMoisturizer), usage(Category.MOISTURIZER), Frequency.DAILY));
            }
            if (spf != null) { // always the last morning step
                steps.add(step(steps, Category.SUNSCREEN, spf, spfReasons(requiredSpf),
                        messages.text(spfIsMoisturizer ? "usage.SUNSCREEN.MOISTURIZER" : "usage.SUNSCREEN"), Frequency.DAILY));
            }
            return List.copyOf(steps);
        }

        private List<Routine.Step> evening() {
            boolean retinoid = serums.stream().anyMatch(s -> eveningOnly(s.product()) && has(s.product().actives(), Active.RETINOID));
            boolean acid = (exfoliant != null)
                    || serums.stream().anyMatch(s -> placement(s.product()).contains(TimeOfDay.PM)
                    && hasAny(s.product().actives(), ActiveEffects.EXFOLIATING_ACIDS));
            boolean alternate = retinoid && acid;
            List<Routine.Step> steps = new ArrayList<>();
            if (pmCleanser != null) {
                steps.add(step(steps, Category.CLEANSER, pmCleanser, companionReasons(pmCleanser), usage(Category.CLEANSER), Frequency.DAILY));
            }
            if (exfoliant != null) {
                steps.add(step(steps, Category.EXFOLIANT, exfoliant.product(), exfoliantReasons(exfoliant.product()),
                        usage(Category.EXFOLIANT), alternate ? Frequency.ALTERNATE_NIGHTS : Frequency.DAILY));
            }
            for (Scored serum : serums) {
                if (placement(serum.product()).contains(TimeOfDay.PM)) {
                    boolean takesTurns = alternate && hasAny(serum.product().actives(),
                            EnumSet.of(Active.RETINOID, Active.AHA, Active.BHA));
                    steps.add(step(steps, Category.SERUM, serum.product(), serumReasons(serum),
                            serumUsage(serum.product(), TimeOfDay.PM), takesTurns ? Frequency.ALTERNATE_NIGHTS : Frequency.DAILY));
                }
            }
            if (pmMoisturizer != null) {
                steps.add(step(steps, Category.MOISTURIZER, pmMoisturizer, companionReasons(pmMoisturizer), usage(Category.MOISTURIZER), Frequency.DAILY));
            }
            if (alternate) {
                warn(WarningCode.RETINOID_ACID_ALTERNATE);
            }
            return List.copyOf(steps);
        }

        /**
         * Rule 8: retinoids and AHAs in the evening, vitamin C in the morning under sunscreen; benzoyl peroxide in
         * the morning (away from an evening retinoid); anything else both, as the firming seed allows.
         */
        private Set<TimeOfDay> placement(ProductState serum) {
            if (eveningOnly(serum)) {
                return EnumSet.of(TimeOfDay.PM);
            }
            if (has(serum.actives(), Active.VITAMIN_C) || has(serum.actives(), Active.BENZOYL_PEROXIDE)
                    || serum.timeOfDay() == TimeOfDay.AM) {
                return EnumSet.of(TimeOfDay.AM);
            }
            return EnumSet.of(TimeOfDay.AM, TimeOfDay.PM);
        }

        private static boolean eveningOnly(ProductState product) {
            return hasAny(product.actives(), ActiveEffects.PHOTOSENSITIZING) || product.timeOfDay() == TimeOfDay.PM;
        }

        private Routine.Step step(List<Routine.Step> before, Category slot, ProductState product, List<Routine.Reason> reasons,
                                  String usage, Frequency frequency) {
            return new Routine.Step(before.size() + 1, slot, reference(product), reasons, usage, frequency);
        }

        private Routine.ProductRef reference(ProductState product) {
            String name = product.names().getOrDefault(locale, product.names().get(Locales.ENGLISH));
            return new Routine.ProductRef(product.sku(), name, product.price(), product.version());
        }

        // ---- reasons and usage ---------------------------------------------------------------------------

        private List<Routine.Reason> serumReasons(Scored serum) {
            List<Routine.Reason> reasons = new ArrayList<>();
            String concerns = answers.concerns().stream().filter(serum.covered()::contains)
                    .map(messages::name).collect(Collectors.joining(", "));
            reasons.add(reason(ReasonCode.CONCERN_MATCH, concerns));
            serum.product().actives().stream()
                    .filter(a -> ActiveEffects.atMostEffectiveStrength(a) && helpsAnyConcern(a))
                    .findFirst()
                    .ifPresent(a -> reasons.add(reason(ReasonCode.ACTIVE_STRENGTH, messages.name(a.code()), a.percent())));
            addCommonReasons(serum.product(), reasons);
            Set<Active> preferred = approach == Approach.CORRECTIVE ? ActiveEffects.CORRECTIVE : ActiveEffects.PREVENTIVE;
            if (hasAny(serum.product().actives(), preferred)) {
                reasons.add(reason(approach == Approach.CORRECTIVE ? ReasonCode.CORRECTIVE_CARE : ReasonCode.PREVENTIVE_CARE));
            }
            return List.copyOf(reasons);
        }

        private List<Routine.Reason> exfoliantReasons(ProductState product) {
            List<Routine.Reason> reasons = new ArrayList<>();
            if (answers.concerns().stream().anyMatch(EXFOLIATION_CONCERNS::contains)) {
                reasons.add(reason(ReasonCode.EXFOLIATION_FOR_PORES));
            }
            addCommonReasons(product, reasons);
            return List.copyOf(reasons);
        }

        /** Rule 10: companions for the serum's goal; a moisturizer for pores either way. */
        private List<Routine.Reason> companionReasons(ProductState product) {
            List<Routine.Reason> reasons = new ArrayList<>();
            Set<Concern> serumGoals = EnumSet.noneOf(Concern.class);
            serums.forEach(s -> serumGoals.addAll(s.covered()));
            Optional<Concern> sharedGoal = answers.concerns().stream()
                    .filter(c -> serumGoals.contains(c) || serums.isEmpty())
                    .filter(c -> product.concerns().contains(c) || ActiveEffects.effect(product.actives(), c) > 0)
                    .findFirst();
            sharedGoal.ifPresent(goal -> reasons.add(reason(ReasonCode.COMPANION_FOR_GOAL, messages.name(goal))));
            if (product.category() == Category.MOISTURIZER && answers.concerns().stream().anyMatch(PORE_CONCERNS::contains)) {
                reasons.add(reason(ReasonCode.HYDRATION_FOR_PORES));
            }
            if (reasons.isEmpty()) {
                reasons.add(reason(ReasonCode.ESSENTIAL_STEP));
            }
            addCommonReasons(product, reasons);
            return List.copyOf(reasons);
        }

        private List<Routine.Reason> spfReasons(int requiredSpf) {
            List<Routine.Reason> reasons = new ArrayList<>();
            if (requiredSpf > policy.dailyMinimumSpf()) {
                reasons.add(reason(ReasonCode.SPF_FOR_EXPOSURE, requiredSpf, answers.sunExposureHours()));
            } else {
                reasons.add(reason(ReasonCode.SPF_DAILY));
            }
            if (photosensitizingRoutine()) {
                reasons.add(reason(ReasonCode.SPF_REQUIRED_PHOTOSENSITIVE));
            }
            addCommonReasons(spf, reasons);
            return List.copyOf(reasons);
        }

        private void addCommonReasons(ProductState product, List<Routine.Reason> reasons) {
            if (answers.skinType() != null && suitsSkinType(product)) {
                reasons.add(reason(ReasonCode.SKIN_TYPE_MATCH, messages.name(answers.skinType())));
            }
            if (answers.sensitive()) {
                reasons.add(reason(ReasonCode.GENTLE_FOR_SENSITIVE));
            }
            if (answers.areas().contains(Area.HANDS) && eligibility.area() == Area.FACE && product.areas().contains(Area.HANDS)) {
                reasons.add(reason(ReasonCode.COVERS_HANDS));
            }
        }

        private String serumUsage(ProductState serum, TimeOfDay time) {
            if (has(serum.actives(), Active.RETINOID)) {
                return messages.text("usage.SERUM.RETINOID");
            }
            if (hasAny(serum.actives(), ActiveEffects.EXFOLIATING_ACIDS) && time == TimeOfDay.PM) {
                return messages.text("usage.SERUM.ACID");
            }
            if (has(serum.actives(), Active.VITAMIN_C) && time == TimeOfDay.AM) {
                return messages.text("usage.SERUM.VITAMIN_C");
            }
            return messages.text("usage.SERUM");
        }

        private String usage(Category slot) {
            return messages.text("usage." + slot.name());
        }

        // ---- warnings ------------------------------------------------------------------------------------

        private void reportUnfilledSlots() {
            if (serums.isEmpty() && warnings.stream().noneMatch(w -> w.code() == WarningCode.SLOT_UNFILLED)) {
                unfilled(Category.SERUM, false);
            }
            if (exfoliationWanted && exfoliant == null) {
                unfilled(Category.EXFOLIANT, false);
            }
            if (amCleanser == null && pmCleanser == null && !unfilledFor(Category.CLEANSER)) {
                unfilled(Category.CLEANSER, false);
            }
            if (amMoisturizer == null && pmMoisturizer == null && !unfilledFor(Category.MOISTURIZER)) {
                unfilled(Category.MOISTURIZER, false);
            }
            if (spf == null && !unfilledFor(Category.SUNSCREEN)) {
                unfilled(Category.SUNSCREEN, false);
            }
        }

        private boolean unfilledFor(Category slot) {
            return unfilled.contains(slot);
        }

        private void unfilled(Category slot, boolean budget) {
            if (unfilled.add(slot)) {
                warnings.add(new Routine.Warning(WarningCode.SLOT_UNFILLED,
                        messages.text(budget ? "warning.SLOT_UNFILLED.BUDGET" : "warning.SLOT_UNFILLED.STOCK",
                                messages.name(slot))));
            }
        }

        private void addWarnings(int requiredSpf, int acceptableSpf) {
            if (answers.pregnantOrBreastfeeding()) {
                warn(WarningCode.RETINOID_EXCLUDED_PREGNANCY);
            }
            if (answers.sensitive()) {
                Set<Active> actives = EnumSet.noneOf(Active.class);
                chosenProducts().forEach(p -> p.actives().forEach(a -> actives.add(a.code())));
                actives.retainAll(ActiveEffects.NEEDS_PATCH_TEST);
                actives.forEach(a -> warn(WarningCode.PATCH_TEST, messages.name(a)));
            }
            boolean benzoylPeroxide = chosenProducts().stream().anyMatch(p -> has(p.actives(), Active.BENZOYL_PEROXIDE));
            boolean retinoid = chosenProducts().stream().anyMatch(p -> has(p.actives(), Active.RETINOID));
            if (benzoylPeroxide && retinoid) {
                warn(WarningCode.BPO_RETINOID_SPLIT);
            }
            if (photosensitizingRoutine()) {
                warn(WarningCode.SPF_REQUIRED_PHOTOSENSITIVE);
            }
            if (acceptableSpf < requiredSpf) {
                warn(WarningCode.SPF_MARKET_CAP, requiredSpf, acceptableSpf);
            }
            warnings.sort(Comparator.comparing(Routine.Warning::code)); // stable, so PATCH_TEST keeps active order
        }

        private boolean photosensitizingRoutine() {
            return chosenProducts().stream().anyMatch(p -> hasAny(p.actives(), ActiveEffects.PHOTOSENSITIZING));
        }

        private void warn(WarningCode code, Object... arguments) {
            warnings.add(new Routine.Warning(code, messages.text("warning." + code.name(), arguments)));
        }

        private Routine.Reason reason(ReasonCode code, Object... arguments) {
            return new Routine.Reason(code, messages.text("reason." + code.name(), arguments));
        }

        // ---- helpers -------------------------------------------------------------------------------------

        private boolean suitsSkinType(ProductState product) {
            return answers.skinType() == null || product.skinTypes().contains(answers.skinType());
        }

        private boolean helpsAnyConcern(ActiveStrength active) {
            for (Concern concern : concerns) {
                if (ActiveEffects.effect(active, concern) > 0) {
                    return true;
                }
            }
            return false;
        }

        private boolean strongerThan(ProductState product, Active code, BigDecimal percent) {
            for (ActiveStrength active : product.actives()) {
                if (active.code() == code && active.percent() != null && active.percent().compareTo(percent) > 0) {
                    return true;
                }
            }
            return false;
        }

        private Set<Concern> covered(ProductState product) {
            Set<Concern> covered = EnumSet.noneOf(Concern.class);
            concernWeights.keySet().stream().filter(c -> ActiveEffects.effect(product.actives(), c) > 0).forEach(covered::add);
            return covered;
        }

        /** Every distinct product in the routine, in a stable order. */
        private List<ProductState> chosenProducts() {
            Map<String, ProductState> distinct = new LinkedHashMap<>();
            java.util.function.Consumer<ProductState> add = p -> {
                if (p != null) {
                    distinct.putIfAbsent(p.sku(), p);
                }
            };
            add.accept(amCleanser);
            serums.forEach(s -> add.accept(s.product()));
            if (exfoliant != null) {
                add.accept(exfoliant.product());
            }
            boolean spfIsMoisturizer = spf != null && spf.category() == Category.MOISTURIZER;
            if (!spfIsMoisturizer) {
                add.accept(amMoisturizer);
            }
            add.accept(spf);
            add.accept(pmCleanser);
            add.accept(pmMoisturizer);
            return List.copyOf(distinct.values());
        }

        private Money total() {
            BigDecimal sum = chosenProducts().stream().map(p -> p.price().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Money(sum.setScale(2), policy.currency());
        }
    }

    /** A score's upper bound for a group of products (see {@link Search#bound}). */
    @FunctionalInterface
    private interface Bound {
        double of(Traits traits);
    }

    /** Every score adds 2 for a product that suits the skin type and takes 2 from one that does not. */
    private static final double UNSUITED_PENALTY = 4;

    private record StepSearch(SkinType skinType, int concerns, Predicate<ProductState> allows,
                              ToDoubleFunction<ProductState> scorer, Bound bounds) implements Search {
        @Override
        public double bound(Traits traits) {
            return bounds.of(traits);
        }

        @Override
        public double unsuitedPenalty() {
            return UNSUITED_PENALTY;
        }

        @Override
        public boolean allows(ProductState product) {
            return allows.test(product);
        }

        @Override
        public double score(ProductState product) {
            return scorer.applyAsDouble(product);
        }
    }
}
