package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ProductState;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evening's 7-night plan. A retinoid starts on 3 nonconsecutive nights a week for the first weeks, 2 on sensitive
 * skin (AAD: start slowly, every other or third night). An exfoliating acid beside it takes nights of its own and
 * leaves rest nights free: 2 evenings a week when strong (7% or more, or any acid on sensitive skin), 3 when gentle.
 * A strong acid alone starts like a retinoid. Everything else is used every evening. No two conflicting actives
 * share a night: {@link Conflicts} keeps every product used every evening clear of the treatments, and the routine
 * holds at most one retinoid product and one acid product among its treatments. Sunday stays free of both, so the
 * retinoid can take it once the skin is used to it.
 */
final class Schedule {

    /** How long the ramp-up nights hold before the skin may take more. */
    static final int RAMP_UP_WEEKS = 4;

    static final List<Weekday> EVERY_NIGHT = List.of(Weekday.values());
    static final List<Weekday> RAMP_UP_NIGHTS = List.of(Weekday.MON, Weekday.WED, Weekday.FRI);
    static final List<Weekday> SENSITIVE_RAMP_UP_NIGHTS = List.of(Weekday.MON, Weekday.THU);
    /** A strong acid beside a retinoid: two nights between the retinoid's, with rest nights around them. */
    static final List<Weekday> STRONG_ACID_BESIDE_RETINOID = List.of(Weekday.TUE, Weekday.SAT);
    /** A gentle acid beside a retinoid (never on sensitive skin, where every acid counts as strong). */
    static final List<Weekday> GENTLE_ACID_BESIDE_RETINOID = List.of(Weekday.TUE, Weekday.THU, Weekday.SAT);
    /** The night a retinoid may add after its ramp-up: free in every plan above. */
    static final Weekday RETINOID_EXTRA_NIGHT = Weekday.SUN;

    /** The nights of one evening product, how often that is, and how long it holds. */
    record Plan(List<Weekday> nights, Frequency frequency, Integer rampUpWeeks) {
        static final Plan EVERY_EVENING = new Plan(EVERY_NIGHT, Frequency.DAILY, null);
    }

    private final Map<String, Plan> bySku = new HashMap<>();
    private final boolean retinoidWithAcid;

    Schedule(List<ProductState> eveningTreatments, boolean sensitive) {
        List<Weekday> rampUp = sensitive ? SENSITIVE_RAMP_UP_NIGHTS : RAMP_UP_NIGHTS;
        ProductState retinoid = eveningTreatments.stream()
                .filter(Conflicts::retinoid)
                .findFirst()
                .orElse(null);
        if (retinoid != null) {
            bySku.put(retinoid.sku(), new Plan(rampUp, Frequency.RAMP_UP, RAMP_UP_WEEKS));
        }
        boolean acidBeside = false;
        for (ProductState product : eveningTreatments) {
            if (!Conflicts.acid(product) || Conflicts.retinoid(product)) {
                continue;
            }
            boolean strong = Conflicts.needsRampUp(product, sensitive);
            if (retinoid != null) {
                acidBeside = true;
                bySku.put(
                        product.sku(),
                        new Plan(
                                strong ? STRONG_ACID_BESIDE_RETINOID : GENTLE_ACID_BESIDE_RETINOID,
                                Frequency.ALTERNATE_NIGHTS,
                                null));
            } else if (strong) {
                bySku.put(product.sku(), new Plan(rampUp, Frequency.RAMP_UP, RAMP_UP_WEEKS));
            }
        }
        this.retinoidWithAcid = acidBeside;
    }

    Plan of(ProductState product) {
        return bySku.getOrDefault(product.sku(), Plan.EVERY_EVENING);
    }

    boolean retinoidAlternatesWithAcid() {
        return retinoidWithAcid;
    }

    /** The plan's nights as a set, for the week view. */
    static Set<Weekday> nights(Routine.Step step) {
        return step.nights() == null ? EnumSet.noneOf(Weekday.class) : EnumSet.copyOf(step.nights());
    }
}
