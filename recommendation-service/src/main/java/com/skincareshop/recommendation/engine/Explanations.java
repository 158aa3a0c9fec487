package com.skincareshop.recommendation.engine;

import static com.skincareshop.recommendation.engine.rules.Actives.has;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.rules.ActiveEffects;
import com.skincareshop.recommendation.engine.rules.ProductInputs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The routine as the customer reads it: the steps in application order, each with its reasons, its usage (which
 * agrees with its nights) and its nights; the 7-night plan; the warnings. Texts in the customer's locale.
 */
final class Explanations {

    private final Build build;
    private final CustomerNeeds customer;
    private final Messages messages;
    private final String locale;
    private final Schedule schedule;
    private final RoutineEngine.Detail detail;

    Explanations(Build build, String locale, RoutineEngine.Detail detail) {
        this.build = build;
        this.detail = detail;
        this.customer = build.customer;
        this.locale = locale;
        this.messages = Messages.of(locale);
        List<ProductState> evening = build.treatments().stream()
                .filter(Conflicts::usableInTheEvening)
                .toList();
        this.schedule = new Schedule(evening, customer.sensitive());
    }

    Routine routine(String customerId, Long profileVersion) {
        List<Routine.Step> am = morning();
        List<Routine.Step> pm = evening();
        if (detail == RoutineEngine.Detail.ESSENTIAL) {
            return new Routine(
                    customerId,
                    profileVersion,
                    locale,
                    customer.approach,
                    customer.requiredSpf,
                    am,
                    pm,
                    week(pm),
                    warnings(null),
                    build.total(),
                    null,
                    null);
        }
        StorefrontDetails storefront = new StorefrontDetails(build, messages, locale);
        Map<String, Long> uses = Stream.concat(am.stream(), pm.stream())
                .collect(Collectors.groupingBy(s -> s.product().sku(), Collectors.counting()));
        am = am.stream()
                .map(step -> storefront.step(
                        step, TimeOfDay.AM, uses.get(step.product().sku())))
                .toList();
        pm = pm.stream()
                .map(step -> storefront.step(
                        step, TimeOfDay.PM, uses.get(step.product().sku())))
                .toList();
        List<Routine.Step> all = new ArrayList<>(am);
        all.addAll(pm);
        return new Routine(
                customerId,
                profileVersion,
                locale,
                customer.approach,
                customer.requiredSpf,
                am,
                pm,
                week(pm),
                warnings(storefront.stepsOf(all)),
                build.total(),
                storefront.products(all),
                storefront.placeholders());
    }

    // ---- steps -------------------------------------------------------------------------------------------

    private List<Routine.Step> morning() {
        List<Routine.Step> steps = new ArrayList<>();
        if (build.amCleanser != null) {
            steps.add(morningStep(
                    steps,
                    Category.CLEANSER,
                    build.amCleanser,
                    companionReasons(build.amCleanser),
                    usage(Category.CLEANSER),
                    customer.mainArea));
        }
        for (Build.Serum serum : build.serums) {
            if (Conflicts.usableInTheMorning(serum.product())) {
                steps.add(morningStep(
                        steps,
                        Category.SERUM,
                        serum.product(),
                        serumReasons(serum),
                        serumUsage(serum.product(), true),
                        customer.mainArea));
            }
        }
        if (build.amMoisturizer != null && !build.spfIsMoisturizer()) {
            steps.add(morningStep(
                    steps,
                    Category.MOISTURIZER,
                    build.amMoisturizer,
                    companionReasons(build.amMoisturizer),
                    usage(Category.MOISTURIZER),
                    customer.mainArea));
        }
        if (build.spf != null) { // the last step of the face's morning
            steps.add(morningStep(
                    steps,
                    Category.SUNSCREEN,
                    build.spf,
                    spfReasons(build.spf),
                    messages.text(build.spfIsMoisturizer() ? "usage.SUNSCREEN.MOISTURIZER" : "usage.SUNSCREEN"),
                    customer.mainArea));
        }
        if (build.handCare != null && !HandCare.inTheEvening(build.handCare)) {
            steps.add(morningStep(
                    steps,
                    Category.MOISTURIZER,
                    build.handCare,
                    handReasons(build.handCare, false),
                    messages.text("usage.HANDS"),
                    Area.HANDS));
        }
        if (build.handSpf != null) {
            steps.add(morningStep(
                    steps,
                    Category.SUNSCREEN,
                    build.handSpf,
                    handReasons(build.handSpf, true),
                    messages.text("usage.SUNSCREEN.HANDS"),
                    Area.HANDS));
        }
        return List.copyOf(steps);
    }

    private List<Routine.Step> evening() {
        List<Routine.Step> steps = new ArrayList<>();
        if (build.pmCleanser != null) {
            steps.add(eveningStep(
                    steps,
                    Category.CLEANSER,
                    build.pmCleanser,
                    companionReasons(build.pmCleanser),
                    usage(Category.CLEANSER),
                    customer.mainArea));
        }
        if (build.exfoliant != null) {
            steps.add(eveningStep(
                    steps,
                    Category.EXFOLIANT,
                    build.exfoliant,
                    exfoliantReasons(build.exfoliant),
                    usage(Category.EXFOLIANT),
                    customer.mainArea));
        }
        for (Build.Serum serum : build.serums) {
            if (Conflicts.usableInTheEvening(serum.product())) {
                steps.add(eveningStep(
                        steps,
                        Category.SERUM,
                        serum.product(),
                        serumReasons(serum),
                        serumUsage(serum.product(), false),
                        customer.mainArea));
            }
        }
        if (build.pmMoisturizer != null) {
            steps.add(eveningStep(
                    steps,
                    Category.MOISTURIZER,
                    build.pmMoisturizer,
                    companionReasons(build.pmMoisturizer),
                    usage(Category.MOISTURIZER),
                    customer.mainArea));
        }
        if (build.handCare != null && HandCare.inTheEvening(build.handCare)) {
            steps.add(eveningStep(
                    steps,
                    Category.MOISTURIZER,
                    build.handCare,
                    handReasons(build.handCare, false),
                    messages.text("usage.HANDS"),
                    Area.HANDS));
        }
        return List.copyOf(steps);
    }

    private Routine.Step morningStep(
            List<Routine.Step> before,
            Category slot,
            ProductState product,
            List<Routine.Reason> reasons,
            String usage,
            Area area) {
        return new Routine.Step(
                before.size() + 1,
                slot,
                reference(product),
                reasons,
                withFormat(usage, product),
                Frequency.DAILY,
                area,
                null,
                null);
    }

    /** A capsule is one application: the usage says how to open it and that all of it is used. */
    private String withFormat(String usage, ProductState product) {
        return product.format() == ProductFormat.CAPSULE ? usage + " " + messages.text("usage.CAPSULE") : usage;
    }

    /** An evening step with its nights; the usage says which nights they are, so the text and the plan agree. */
    private Routine.Step eveningStep(
            List<Routine.Step> before,
            Category slot,
            ProductState product,
            List<Routine.Reason> reasons,
            String usage,
            Area area) {
        Schedule.Plan plan = schedule.of(product);
        usage = withFormat(usage, product);
        String scheduled = switch (plan.frequency()) {
            case DAILY -> usage;
            case RAMP_UP ->
                usage + " "
                        + messages.text(
                                Conflicts.retinoid(product) ? "schedule.RAMP_UP.RETINOID" : "schedule.RAMP_UP.ACID",
                                plan.nights().size(),
                                messages.days(plan.nights()),
                                plan.rampUpWeeks(),
                                messages.name(Schedule.RETINOID_EXTRA_NIGHT));
            case ALTERNATE_NIGHTS ->
                usage + " "
                        + messages.text(
                                "schedule.ALTERNATE_NIGHTS", plan.nights().size(), messages.days(plan.nights()));
        };
        return new Routine.Step(
                before.size() + 1,
                slot,
                reference(product),
                reasons,
                scheduled,
                plan.frequency(),
                area,
                plan.nights(),
                plan.rampUpWeeks());
    }

    private List<Routine.Night> week(List<Routine.Step> pm) {
        List<Routine.Night> week = new ArrayList<>();
        for (Weekday night : Weekday.values()) {
            List<String> skus = pm.stream()
                    .filter(s -> Schedule.nights(s).contains(night))
                    .map(s -> s.product().sku())
                    .toList();
            week.add(
                    detail == RoutineEngine.Detail.FULL
                            ? new Routine.Night(night, skus, messages.text("label.day." + night.name()))
                            : new Routine.Night(night, skus));
        }
        return List.copyOf(week);
    }

    private Routine.ProductRef reference(ProductState product) {
        String name = product.names().getOrDefault(locale, product.names().get(Locales.ENGLISH));
        return new Routine.ProductRef(product.sku(), name, product.price(), product.version());
    }

    // ---- reasons and usage ---------------------------------------------------------------------------------

    private List<Routine.Reason> serumReasons(Build.Serum serum) {
        List<Routine.Reason> reasons = new ArrayList<>();
        String concerns = customer.concerns.stream()
                .filter(serum.covered()::contains)
                .map(messages::name)
                .collect(Collectors.joining(", "));
        reasons.add(reason(ReasonCode.CONCERN_MATCH, concerns));
        serum.product().actives().stream()
                .filter(a -> ActiveEffects.atMostEffectiveStrength(a) && treatsAConcern(a))
                .findFirst()
                .ifPresent(a -> reasons.add(reason(ReasonCode.ACTIVE_STRENGTH, messages.name(a.code()), a.percent())));
        addCommonReasons(serum.product(), reasons);
        boolean[] rewarded = customer.scoring.approachActives();
        if (serum.product().actives().stream()
                .anyMatch(a -> !a.trace() && rewarded[a.code().ordinal()])) {
            reasons.add(reason(
                    customer.approach == Approach.CORRECTIVE
                            ? ReasonCode.CORRECTIVE_CARE
                            : ReasonCode.PREVENTIVE_CARE));
        }
        return List.copyOf(reasons);
    }

    private List<Routine.Reason> exfoliantReasons(ProductState product) {
        List<Routine.Reason> reasons = new ArrayList<>();
        if (customer.wantsExfoliation()) {
            reasons.add(reason(ReasonCode.EXFOLIATION_FOR_PORES));
        }
        addCommonReasons(product, reasons);
        return List.copyOf(reasons);
    }

    /** Companions for the serum's goal; a moisturizer for pores either way. */
    private List<Routine.Reason> companionReasons(ProductState product) {
        List<Routine.Reason> reasons = new ArrayList<>();
        Set<Concern> serumGoals = EnumSet.noneOf(Concern.class);
        build.serums.forEach(s -> serumGoals.addAll(s.covered()));
        Optional<Concern> sharedGoal = customer.concerns.stream()
                .filter(c -> serumGoals.contains(c) || build.serums.isEmpty())
                .filter(c -> ProductInputs.reach(product, c) > 0)
                .findFirst();
        sharedGoal.ifPresent(goal -> reasons.add(reason(ReasonCode.COMPANION_FOR_GOAL, messages.name(goal))));
        if (product.category() == Category.MOISTURIZER && customer.hasPoreConcern()) {
            reasons.add(reason(ReasonCode.HYDRATION_FOR_PORES));
        }
        if (reasons.isEmpty()) {
            reasons.add(reason(ReasonCode.ESSENTIAL_STEP));
        }
        addCommonReasons(product, reasons);
        return List.copyOf(reasons);
    }

    private List<Routine.Reason> spfReasons(ProductState product) {
        List<Routine.Reason> reasons = new ArrayList<>();
        if (customer.requiredSpf > build.policy.dailyMinimumSpf()) {
            reasons.add(reason(ReasonCode.SPF_FOR_EXPOSURE, customer.requiredSpf, customer.answers.sunExposureHours()));
        } else {
            reasons.add(reason(ReasonCode.SPF_DAILY));
        }
        if (photosensitizingRoutine()) {
            reasons.add(reason(ReasonCode.SPF_REQUIRED_PHOTOSENSITIVE));
        }
        addCommonReasons(product, reasons);
        return List.copyOf(reasons);
    }

    private List<Routine.Reason> handReasons(ProductState product, boolean sunProtection) {
        List<Routine.Reason> reasons = new ArrayList<>();
        reasons.add(reason(ReasonCode.FOR_HANDS));
        reasons.add(
                sunProtection
                        ? reason(ReasonCode.SPF_DAILY)
                        : companionReasons(product).get(0));
        return List.copyOf(reasons);
    }

    private void addCommonReasons(ProductState product, List<Routine.Reason> reasons) {
        if (customer.answers.skinType() != null && product.skinTypes().contains(customer.answers.skinType())) {
            reasons.add(reason(ReasonCode.SKIN_TYPE_MATCH, messages.name(customer.answers.skinType())));
        }
        if (customer.sensitive()) {
            reasons.add(reason(ReasonCode.GENTLE_FOR_SENSITIVE));
        }
        if (customer.handsToo && product.areas().contains(Area.HANDS)) {
            reasons.add(reason(ReasonCode.COVERS_HANDS));
        }
    }

    private String serumUsage(ProductState serum, boolean morning) {
        if (Conflicts.retinoid(serum)) {
            return messages.text("usage.SERUM.RETINOID");
        }
        if (Conflicts.acid(serum)) {
            return messages.text("usage.SERUM.ACID");
        }
        if (has(serum.actives(), Active.VITAMIN_C) && morning) {
            return messages.text("usage.SERUM.VITAMIN_C");
        }
        return messages.text("usage.SERUM");
    }

    private String usage(Category slot) {
        return messages.text("usage." + slot.name());
    }

    private boolean treatsAConcern(ActiveStrength active) {
        for (Concern concern : customer.concerns) {
            if (ActiveEffects.effect(active, concern) > 0) {
                return true;
            }
        }
        return false;
    }

    // ---- warnings ----------------------------------------------------------------------------------------------

    /**
     * The warnings in code order. {@code steps}: null for the first version's {code, message}; otherwise what finds
     * the steps a warning concerns, for the second version's severity, params and steps.
     */
    private List<Routine.Warning> warnings(StorefrontDetails.StepsOf steps) {
        List<Build.PendingWarning> pending = new ArrayList<>(build.warnings);
        if (customer.answers.pregnantOrBreastfeeding()) {
            pending.add(warning(WarningCode.RETINOID_EXCLUDED_PREGNANCY));
        }
        List<ProductState> chosen = build.chosenProducts();
        if (customer.sensitive()) {
            Set<Active> actives = EnumSet.noneOf(Active.class);
            chosen.forEach(p -> p.actives().forEach(a -> actives.add(a.code())));
            actives.retainAll(ActiveEffects.NEEDS_PATCH_TEST);
            actives.forEach(a -> pending.add(warning(WarningCode.PATCH_TEST, "active", a)));
        }
        if (chosen.stream().anyMatch(Conflicts::benzoylPeroxide)
                && chosen.stream().anyMatch(Conflicts::retinoid)) {
            pending.add(warning(WarningCode.BPO_RETINOID_SPLIT));
        }
        if (schedule.retinoidAlternatesWithAcid()) {
            pending.add(warning(WarningCode.RETINOID_ACID_ALTERNATE));
        }
        if (photosensitizingRoutine()) {
            pending.add(warning(WarningCode.SPF_REQUIRED_PHOTOSENSITIVE));
        }
        if (customer.targetSpf < customer.requiredSpf) {
            pending.add(warning(
                    WarningCode.SPF_MARKET_CAP, "requiredSpf", customer.requiredSpf, "labelCap", customer.targetSpf));
        }
        for (String name : build.eligibility.unknownAvoided()) {
            pending.add(warning(WarningCode.AVOIDED_INGREDIENT_UNKNOWN, "ingredient", name));
        }
        build.unfilled.forEach((slot, budget) -> pending.add(new Build.PendingWarning(
                WarningCode.SLOT_UNFILLED,
                budget ? "warning.SLOT_UNFILLED.BUDGET" : "warning.SLOT_UNFILLED.STOCK",
                Build.params("slot", slot, "cause", StorefrontDetails.cause(budget)))));
        return pending.stream()
                .sorted(Comparator.comparing(Build.PendingWarning::code)) // stable: PATCH_TEST keeps active order
                .map(w -> {
                    String message = messages.text(w.messageKey(), messages.arguments(w.arguments()));
                    return steps == null
                            ? new Routine.Warning(w.code(), message)
                            : new Routine.Warning(w.code(), message, w.code().severity(), w.params(), steps.of(w));
                })
                .toList();
    }

    private static Build.PendingWarning warning(WarningCode code, Object... namesAndValues) {
        return new Build.PendingWarning(code, "warning." + code.name(), Build.params(namesAndValues));
    }

    private boolean photosensitizingRoutine() {
        return build.chosenProducts().stream().anyMatch(Conflicts::sunSensitizing);
    }

    private Routine.Reason reason(ReasonCode code, Object... arguments) {
        return new Routine.Reason(code, messages.text("reason." + code.name(), messages.arguments(arguments)));
    }
}
