package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.recommendation.engine.index.Traits;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Hands asked for beside the face (age spots and sun damage show there too): each gets what it needs. A face product
 * labelled for the hands as well covers them; otherwise a hand product where the catalogue has one, and hand SPF; and
 * where neither can be had, a warning that names the area and what is missing.
 */
final class HandCare {

    private HandCare() {}

    static void choose(Build build) {
        if (!build.customer.handsToo) {
            return;
        }
        Eligibility hands = build.eligibility.forArea(Area.HANDS);
        if (!Build.covers(build.spf, Area.HANDS)) {
            build.handSpf = SunProtection.best(build, hands, Traits.bits(List.of(Area.HANDS)))
                    .orElse(null);
        }
        if (!caredFor(build)) {
            build.handCare = bestCare(build, hands).orElse(null);
        }
    }

    /** After the budget: what the hands still lack is said, unless the budget already said it. */
    static void reportUnserved(Build build) {
        if (!build.customer.handsToo) {
            return;
        }
        if (!Build.covers(build.spf, Area.HANDS) && build.handSpf == null) {
            unserved(build, Category.SUNSCREEN);
        }
        if (!caredFor(build) && build.handCare == null) {
            unserved(build, Category.MOISTURIZER);
        }
    }

    private static void unserved(Build build, Category slot) {
        boolean said = build.warnings.stream()
                .anyMatch(
                        w -> w.code() == WarningCode.AREA_UNSERVED && w.params().get("slot") == slot);
        if (!said) {
            build.warn(WarningCode.AREA_UNSERVED, Build.params("area", Area.HANDS, "slot", slot));
        }
    }

    /** A serum or a moisturizer of the face's routine (as it is shown) is labelled for the hands too. */
    static boolean caredFor(Build build) {
        boolean morningMoisturizerShown = !build.spfIsMoisturizer();
        if ((morningMoisturizerShown && Build.covers(build.amMoisturizer, Area.HANDS))
                || Build.covers(build.pmMoisturizer, Area.HANDS)) {
            return true;
        }
        return build.serumProducts().stream().anyMatch(p -> Build.covers(p, Area.HANDS));
    }

    /**
     * A hand cream for the customer's concerns, used every evening (or every morning, if that is its time); nothing
     * sun-sensitizing unless the hands have sun protection.
     */
    private static Optional<ProductState> bestCare(Build build, Eligibility hands) {
        boolean handsProtected = Build.covers(build.spf, Area.HANDS) || build.handSpf != null;
        Predicate<ProductState> safe = p -> handsProtected || !Conflicts.sunSensitizing(p);
        Optional<ProductState> evening = Companions.best(
                build, hands, Category.MOISTURIZER, Companions.evening(build).and(safe));
        return evening.isPresent()
                ? evening
                : Companions.best(
                        build,
                        hands,
                        Category.MOISTURIZER,
                        Companions.morning(build).and(safe));
    }

    static boolean inTheEvening(ProductState handCare) {
        return Conflicts.usableInTheEvening(handCare);
    }
}
