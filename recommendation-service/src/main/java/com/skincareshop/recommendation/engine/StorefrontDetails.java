package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.catalog.Size;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.contracts.vocabulary.SizeUnit;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.Routine.PlaceholderCause;
import com.skincareshop.recommendation.engine.rules.ActiveEffects;
import com.skincareshop.recommendation.engine.rules.ProductInputs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What the second version of the routine adds for a storefront to render a page from: each step's product facts,
 * headings, what it addresses, when results show and its alternatives; the warnings' links to steps; the cart; the
 * empty slots.
 */
final class StorefrontDetails {

    /**
     * What one application uses, in ml or g (the two are treated alike: these are estimates for reordering, not
     * doses). A sunscreen: 2 mg/cm² (the dose SPF is measured at) over face and neck, about 1.2 g; the backs of both
     * hands about half that. A serum: a few drops. The rest: what the usage texts ask for.
     */
    private static final Map<Category, BigDecimal> FACE_DOSE = new EnumMap<>(Map.of(
            Category.CLEANSER,
            new BigDecimal("1.5"),
            Category.EXFOLIANT,
            new BigDecimal("0.5"),
            Category.SERUM,
            new BigDecimal("0.3"),
            Category.MOISTURIZER,
            new BigDecimal("0.8"),
            Category.SUNSCREEN,
            new BigDecimal("1.2")));

    private static final Map<Category, BigDecimal> HANDS_DOSE = new EnumMap<>(
            Map.of(Category.MOISTURIZER, new BigDecimal("1.0"), Category.SUNSCREEN, new BigDecimal("0.6")));

    /** Where a slot left empty would go. */
    private static final Map<Category, List<TimeOfDay>> SLOT_TIMES = new EnumMap<>(Map.of(
            Category.CLEANSER,
            List.of(TimeOfDay.AM, TimeOfDay.PM),
            Category.EXFOLIANT,
            List.of(TimeOfDay.PM),
            Category.SERUM,
            List.of(TimeOfDay.AM, TimeOfDay.PM),
            Category.MOISTURIZER,
            List.of(TimeOfDay.AM, TimeOfDay.PM),
            Category.SUNSCREEN,
            List.of(TimeOfDay.AM)));

    /** The ids of the steps a warning concerns. */
    interface StepsOf {
        List<String> of(Build.PendingWarning warning);
    }

    private final Build build;
    private final Messages messages;
    private final String locale;
    private final Map<String, ProductState> chosen = new LinkedHashMap<>();

    StorefrontDetails(Build build, Messages messages, String locale) {
        this.build = build;
        this.messages = messages;
        this.locale = locale;
        build.chosenProducts().forEach(p -> chosen.put(p.sku(), p));
    }

    static PlaceholderCause cause(boolean budget) {
        return budget ? PlaceholderCause.BUDGET : PlaceholderCause.NOT_AVAILABLE;
    }

    /** The step with the second version's fields; {@code uses}: how many steps of the routine use its product. */
    Routine.Step step(Routine.Step step, TimeOfDay time, long uses) {
        ProductState product = chosen.get(step.product().sku());
        Routine.Addresses addresses = addresses(product);
        boolean optical = addresses.actives().stream().anyMatch(a -> ActiveEffects.OPTICAL.contains(a.code()));
        List<Routine.Alternative> alternatives =
                Alternatives.of(build, step.slot(), product, time, step.area(), uses > 1).stream()
                        .map(found -> new Routine.Alternative(
                                reference(found.product()),
                                found.why(),
                                alternativeText(product, found),
                                Alternatives.priceDifference(product, found.product())))
                        .toList();
        return new Routine.Step(
                step.step(),
                step.slot(),
                reference(product),
                step.reasons(),
                step.usage(),
                step.frequency(),
                step.area(),
                step.nights(),
                step.rampUpWeeks(),
                id(time, step.step()),
                time,
                labels(step, time),
                addresses,
                weeksToResults(product, addresses),
                optical,
                alternatives);
    }

    /** The product as a storefront shows it: with brand, format, size, image and page. */
    Routine.ProductRef reference(ProductState product) {
        String name = product.names().getOrDefault(locale, product.names().get(Locales.ENGLISH));
        return new Routine.ProductRef(
                product.sku(),
                name,
                product.price(),
                product.version(),
                product.brand(),
                product.format(),
                product.size(),
                "products/" + product.sku(),
                slug(product));
    }

    /** The cart: each distinct product once, in the order the routine first uses it. */
    List<Routine.ProductLine> products(List<Routine.Step> steps) {
        Map<String, List<Routine.Step>> bySku = new LinkedHashMap<>();
        steps.forEach(s -> bySku.computeIfAbsent(s.product().sku(), sku -> new ArrayList<>())
                .add(s));
        List<Routine.ProductLine> lines = new ArrayList<>();
        bySku.forEach((sku, uses) -> {
            ProductState product = chosen.get(sku);
            int perWeek = 0;
            BigDecimal usedPerWeek = BigDecimal.ZERO;
            for (Routine.Step use : uses) {
                int applications = use.nights() == null ? 7 : use.nights().size();
                perWeek += applications;
                usedPerWeek = usedPerWeek.add(dose(product, use).multiply(BigDecimal.valueOf(applications)));
            }
            lines.add(new Routine.ProductLine(
                    sku,
                    reference(product).name(),
                    product.brand(),
                    product.price(),
                    1,
                    uses.stream().map(Routine.Step::id).toList(),
                    perWeek,
                    lastsWeeks(product.size(), usedPerWeek)));
        });
        return List.copyOf(lines);
    }

    List<Routine.Placeholder> placeholders() {
        List<Routine.Placeholder> placeholders = new ArrayList<>();
        build.unfilled.forEach((slot, budget) -> placeholders.add(new Routine.Placeholder(
                slot,
                SLOT_TIMES.get(slot),
                cause(budget),
                messages.text("label.slot." + slot.name()),
                messages.text(
                        budget ? "warning.SLOT_UNFILLED.BUDGET" : "warning.SLOT_UNFILLED.STOCK",
                        messages.arguments(slot)))));
        return List.copyOf(placeholders);
    }

    /** Which steps each warning concerns: the products it is about, or the step it changes. */
    StepsOf stepsOf(List<Routine.Step> steps) {
        return warning -> {
            BiPredicate<Routine.Step, ProductState> concerns = switch (warning.code()) {
                case PATCH_TEST ->
                    (step, p) -> p.actives().stream()
                            .anyMatch(a -> a.code() == warning.params().get("active"));
                case RETINOID_ACID_ALTERNATE ->
                    (step, p) -> step.time() == TimeOfDay.PM && (Conflicts.retinoid(p) || Conflicts.acid(p));
                case BPO_RETINOID_SPLIT -> (step, p) -> Conflicts.benzoylPeroxide(p) || Conflicts.retinoid(p);
                case SPF_REQUIRED_PHOTOSENSITIVE ->
                    (step, p) -> Conflicts.sunSensitizing(p) || step.slot() == Category.SUNSCREEN;
                case SPF_MARKET_CAP, SPF_BELOW_TARGET ->
                    (step, p) -> step.slot() == Category.SUNSCREEN && step.area() == build.eligibility.area();
                default -> (step, p) -> false;
            };
            return steps.stream()
                    .filter(s -> concerns.test(s, chosen.get(s.product().sku())))
                    .map(Routine.Step::id)
                    .toList();
        };
    }

    private static String id(TimeOfDay time, int step) {
        return time.name().toLowerCase(Locale.ROOT) + "-" + step;
    }

    private Routine.StepLabels labels(Routine.Step step, TimeOfDay time) {
        String frequency = switch (step.frequency()) {
            case DAILY -> messages.text("label.frequency.DAILY." + time.name());
            case RAMP_UP, ALTERNATE_NIGHTS ->
                messages.text(
                        "label.frequency." + step.frequency().name(),
                        step.nights().size());
        };
        return new Routine.StepLabels(
                messages.text("label.slot." + step.slot().name()),
                messages.text("label.time." + time.name()),
                frequency,
                messages.text("label.area." + step.area().name()));
    }

    /** The customer's concerns the product reaches (by its actives or as declared), in the customer's order. */
    private Routine.Addresses addresses(ProductState product) {
        Set<Concern> concerns = new LinkedHashSet<>();
        for (Concern concern : build.customer.concerns) {
            if (ProductInputs.reach(product, concern) > 0) {
                concerns.add(concern);
            }
        }
        Map<Active, Routine.ActiveDose> actives = new LinkedHashMap<>();
        for (ActiveStrength active : product.actives()) {
            if (concerns.stream().anyMatch(c -> ActiveEffects.addresses(active, c))) {
                actives.putIfAbsent(active.code(), new Routine.ActiveDose(active.code(), active.percent()));
            }
        }
        return new Routine.Addresses(concerns, List.copyOf(actives.values()));
    }

    /**
     * The weeks of the active that does most for the customer's first concern the product addresses (of equal
     * effect, the quicker): a retinoid serum with hyaluronic acid, for lines, is a 12-week product, not a 1-week one.
     */
    private static Integer weeksToResults(ProductState product, Routine.Addresses addresses) {
        for (Concern concern : addresses.concerns()) {
            Integer weeks = null;
            double best = 0;
            for (ActiveStrength active : product.actives()) {
                double effect = ActiveEffects.effect(active, concern);
                Integer activeWeeks = ActiveEffects.weeksToResults(active.code());
                if (effect > 0 && activeWeeks != null && (effect > best || (effect == best && activeWeeks < weeks))) {
                    best = effect;
                    weeks = activeWeeks;
                }
            }
            if (weeks != null) {
                return weeks;
            }
        }
        return null;
    }

    private String alternativeText(ProductState chosenProduct, Alternatives.Found found) {
        List<String> parts = new ArrayList<>();
        for (Routine.AlternativeReason why : found.why()) {
            parts.add(
                    switch (why) {
                        case CHEAPER ->
                            messages.text(
                                    "alternative.CHEAPER",
                                    messages.money(new Money(
                                            chosenProduct
                                                    .price()
                                                    .amount()
                                                    .subtract(found.product()
                                                            .price()
                                                            .amount()),
                                            chosenProduct.price().currency())));
                        case FRAGRANCE_FREE -> messages.text("alternative.FRAGRANCE_FREE");
                    });
        }
        return String.join(", ", parts);
    }

    private static BigDecimal dose(ProductState product, Routine.Step step) {
        if (product.size() != null && product.size().unit() == SizeUnit.CAPSULES) {
            return BigDecimal.ONE;
        }
        Map<Category, BigDecimal> doses = step.area() == Area.HANDS ? HANDS_DOSE : FACE_DOSE;
        return doses.getOrDefault(step.slot(), FACE_DOSE.get(Category.MOISTURIZER));
    }

    /** Whole weeks one unit lasts (0: less than a week); null when the size is unknown. */
    private static Integer lastsWeeks(Size size, BigDecimal usedPerWeek) {
        if (size == null || size.amount() == null || usedPerWeek.signum() == 0) {
            return null;
        }
        return size.amount().divide(usedPerWeek, 0, RoundingMode.FLOOR).intValueExact();
    }

    /** The product page's path segment: the English name in ASCII, then the sku, so two products never share one. */
    static String slug(ProductState product) {
        String name = product.names().getOrDefault(Locales.ENGLISH, "");
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String words =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String sku = product.sku().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return words.isEmpty() ? sku : words + "-" + sku;
    }
}
