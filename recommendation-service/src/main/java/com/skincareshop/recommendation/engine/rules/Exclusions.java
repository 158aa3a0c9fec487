package com.skincareshop.recommendation.engine.rules;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Category;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the customer's hard filters read of a product apart from its skin types, areas, price, ingredient names and
 * the strengths the policy sets ceilings for, as bits: every active class it holds (a trace too), fragrance, label
 * names the dictionary does not know, a prescription-only retinoid form, a salicylate peel, and whether it is within
 * the fixed ceilings for sensitive skin. The catalogue index partitions each group's products by them and keeps them
 * beside each partition, so that a customer who avoids a class, is sensitive or pregnant refuses a whole partition
 * from its bits, without reading a product: otherwise a search walks every product of a group none of whose products
 * it may show, and such groups grow with the catalogue.
 */
public final class Exclusions {

    /** Bits 0 to 12: the {@link Active} ordinals held. */
    public static final int FRAGRANCE = 1 << 13;

    public static final int UNRECOGNIZED_INGREDIENTS = 1 << 14;
    /** A retinoid in a form that is a medicine, not a cosmetic, in the EU. */
    public static final int PRESCRIPTION_ONLY = 1 << 15;
    /** An exfoliant with a BHA as a treatment, not only a trace: no salicylate peel in pregnancy. */
    public static final int SALICYLATE_PEEL = 1 << 16;
    /** Within every ceiling for sensitive skin the policy does not set ({@link #withinFixedSensitiveCeilings}). */
    public static final int WITHIN_FIXED_SENSITIVE_CEILINGS = 1 << 17;

    /**
     * Strength ceilings per form for sensitive skin (% of the formula), beside the class ceilings below and the
     * policy's for retinoids and AHAs.
     */
    static final Map<String, BigDecimal> SENSITIVE_FORM_CEILINGS = Map.of(
            "Retinal", new BigDecimal("0.05"),
            "Ascorbic Acid", new BigDecimal("10"),
            "Niacinamide", new BigDecimal("5")); // flushing and irritation above

    static final BigDecimal SENSITIVE_MAX_BENZOYL_PEROXIDE = new BigDecimal("2.5");
    /** Salicylates on sensitive skin: 1% left on the skin, 2% in a cleanser that is rinsed off. */
    static final BigDecimal SENSITIVE_MAX_BHA_LEAVE_ON = new BigDecimal("1");

    static final BigDecimal SENSITIVE_MAX_BHA_RINSE_OFF = new BigDecimal("2");
    /** The most irritating AHA (the smallest molecule): not left on sensitive skin; lactic, mandelic or a PHA instead. */
    static final String SENSITIVE_NO_LEAVE_ON_FORM = "Glycolic Acid";

    /**
     * Medicines, not cosmetics, in the EU (tretinoin is banned from cosmetics, Annex II of Regulation (EC) No
     * 1223/2009; the others need a prescription): a shop recommends none of them, to anyone.
     */
    public static final Set<String> PRESCRIPTION_ONLY_FORMS =
            Set.of("Tretinoin", "Adapalene", "Tazarotene", "Isotretinoin", "Trifarotene");

    private static final Set<Active> SALICYLATES = EnumSet.of(Active.BHA);

    static {
        if (Active.values().length > 13) {
            throw new ExceptionInInitializerError("the active classes no longer fit below the other bits");
        }
    }

    private Exclusions() {}

    public static int of(ProductState product) {
        int bits = 0;
        for (ActiveStrength active : product.actives()) {
            bits |= classBit(active.code());
            if (active.code() == Active.RETINOID
                    && active.form() != null
                    && PRESCRIPTION_ONLY_FORMS.contains(active.form())) {
                bits |= PRESCRIPTION_ONLY;
            }
        }
        if (withinFixedSensitiveCeilings(product)) {
            bits |= WITHIN_FIXED_SENSITIVE_CEILINGS;
        }
        if (product.category() == Category.EXFOLIANT && Actives.treatsWith(product.actives(), SALICYLATES)) {
            bits |= SALICYLATE_PEEL;
        }
        if (product.containsFragrance()) {
            bits |= FRAGRANCE;
        }
        if (!product.unrecognizedIngredients().isEmpty()) {
            bits |= UNRECOGNIZED_INGREDIENTS;
        }
        return bits;
    }

    /**
     * Each form within its own ceiling for sensitive skin (glycolic acid not left on at all), benzoyl peroxide and
     * salicylates within theirs as a class (a cleanser's salicylate is rinsed off), an unstated strength above every
     * ceiling; a trace acid that adjusts the pH counts for none.
     */
    public static boolean withinFixedSensitiveCeilings(ProductState product) {
        boolean rinsedOff = product.category() == Category.CLEANSER;
        for (ActiveStrength active : product.actives()) {
            String form = active.form();
            if (form == null || Actives.harmlessTrace(active)) {
                continue;
            }
            BigDecimal formCeiling = SENSITIVE_FORM_CEILINGS.get(form);
            if ((formCeiling != null
                            && (active.percent() == null || active.percent().compareTo(formCeiling) > 0))
                    || (!rinsedOff && SENSITIVE_NO_LEAVE_ON_FORM.equals(form))) {
                return false;
            }
        }
        List<ActiveStrength> actives = product.actives();
        return !Actives.classAbove(actives, Active.BENZOYL_PEROXIDE, SENSITIVE_MAX_BENZOYL_PEROXIDE)
                && !Actives.classAbove(
                        actives, Active.BHA, rinsedOff ? SENSITIVE_MAX_BHA_RINSE_OFF : SENSITIVE_MAX_BHA_LEAVE_ON);
    }

    public static int classBit(Active code) {
        return 1 << code.ordinal();
    }
}
