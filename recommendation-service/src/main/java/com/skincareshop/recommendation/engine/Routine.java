package com.skincareshop.recommendation.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonView;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.Size;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import com.skincareshop.recommendation.engine.RoutineViews.V2;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A routine: morning and evening steps in application order, each with the product, why it was chosen and how to
 * use it; the 7-night plan of the evening ({@code week}); warnings; the total of the distinct products. Texts are in
 * {@code locale}. Components marked {@link V2} belong to the second version of the response only
 * ({@link RoutineViews}); they are null in a routine built without {@link RoutineEngine.Detail#FULL}.
 *
 * @param products     the cart: each distinct product once, with the steps that use it and how long it lasts
 * @param placeholders the slots the routine leaves empty, where a storefront shows that the step is missing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Routine(
        String customerId,
        Long profileVersion,
        String locale,
        Approach approach,
        int minimumSpf,
        List<Step> am,
        List<Step> pm,
        List<Night> week,
        List<Warning> warnings,
        Money total,
        @JsonView(V2.class) List<ProductLine> products,
        @JsonView(V2.class) List<Placeholder> placeholders) {

    /**
     * One step. {@code area}: where it is applied. {@code nights}: evening steps only, the nights of the week it is
     * used; {@code rampUpWeeks}: for a strong active started slowly, how many weeks the plan's nights hold before the
     * skin may take more (null when it needs no ramp-up).
     *
     * @param id             unique within the routine ({@code am-1}, {@code pm-3}): what warnings and the cart refer to
     * @param addresses      which of the customer's concerns the product addresses, and with which actives
     * @param weeksToResults weeks of regular use before its effect on those concerns is usually visible; 0 when the
     *                       effect is optical; null when the product treats no concern (a cleanser, a sunscreen)
     * @param optical        the effect is optical and immediate (mica, pearl), it shows at once and washes off
     * @param alternatives   up to two products that may take its place, and why
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "id",
        "step",
        "time",
        "slot",
        "area",
        "product",
        "labels",
        "reasons",
        "usage",
        "frequency",
        "nights",
        "rampUpWeeks",
        "addresses",
        "weeksToResults",
        "optical",
        "alternatives"
    })
    public record Step(
            int step,
            Category slot,
            ProductRef product,
            List<Reason> reasons,
            String usage,
            Frequency frequency,
            Area area,
            List<Weekday> nights,
            Integer rampUpWeeks,
            @JsonView(V2.class) String id,
            @JsonView(V2.class) TimeOfDay time,
            @JsonView(V2.class) StepLabels labels,
            @JsonView(V2.class) Addresses addresses,
            @JsonView(V2.class) Integer weeksToResults,
            @JsonView(V2.class) Boolean optical,
            @JsonView(V2.class) List<Alternative> alternatives) {

        /** The first version's step, without the second's fields. */
        public Step(
                int step,
                Category slot,
                ProductRef product,
                List<Reason> reasons,
                String usage,
                Frequency frequency,
                Area area,
                List<Weekday> nights,
                Integer rampUpWeeks) {
            this(
                    step,
                    slot,
                    product,
                    reasons,
                    usage,
                    frequency,
                    area,
                    nights,
                    rampUpWeeks,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
    }

    /**
     * {@code version}: the catalogue version of the product this routine was built from. {@code image}: the
     * storefront's image of the product (its asset store keys images by sku); {@code slug}: the product page's path
     * segment, from the English name and the sku.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProductRef(
            String sku,
            String name,
            Money price,
            long version,
            @JsonView(V2.class) String brand,
            @JsonView(V2.class) ProductFormat format,
            @JsonView(V2.class) Size size,
            @JsonView(V2.class) String image,
            @JsonView(V2.class) String slug) {

        public ProductRef(String sku, String name, Money price, long version) {
            this(sku, name, price, version, null, null, null, null, null);
        }
    }

    public record Reason(ReasonCode code, String message) {}

    /**
     * @param severity how prominently a storefront should show it
     * @param params   the facts the message is made of, as codes and numbers (the slot left empty, the active to
     *                 patch test, the SPF needed and the label's cap...), so a storefront can word it itself
     * @param steps    the ids of the steps it concerns; empty when it concerns the routine as a whole
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"code", "severity", "params", "steps", "message"})
    public record Warning(
            WarningCode code,
            String message,
            @JsonView(V2.class) WarningCode.Severity severity,
            @JsonView(V2.class) Map<String, Object> params,
            @JsonView(V2.class) List<String> steps) {

        public Warning(WarningCode code, String message) {
            this(code, message, null, null, null);
        }
    }

    /** One evening of the plan: the skus used that night, in application order; {@code label}: the day's name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Night(
            Weekday night,
            List<String> skus,
            @JsonView(V2.class) String label) {

        public Night(Weekday night, List<String> skus) {
            this(night, skus, null);
        }
    }

    /** Headings in the routine's locale: the slot, the time of day, how often and where. */
    public record StepLabels(String slot, String time, String frequency, String area) {}

    /** The customer's concerns the product addresses, and the actives that address them, at their strength. */
    public record Addresses(Set<Concern> concerns, List<ActiveDose> actives) {}

    /** {@code percent}: the strength the label declares; null when it declares none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActiveDose(Active code, BigDecimal percent) {}

    /**
     * A product that may replace the step's: it passes every rule the step's product passed (the customer's hard
     * filters, the routine's conflicts, the same nights), and costs less or leaves out fragrance.
     *
     * @param priceDifference its price minus the step's product's price (negative when cheaper)
     */
    public record Alternative(ProductRef product, List<AlternativeReason> why, String message, Money priceDifference) {}

    public enum AlternativeReason {
        CHEAPER,
        FRAGRANCE_FREE
    }

    /**
     * One distinct product of the routine: the cart. {@code quantity}: units to buy now; {@code applicationsPerWeek}:
     * how often the routine uses it; {@code lastsWeeks}: how long one unit lasts at that use (null when the size is
     * not in a unit the routine can count).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProductLine(
            String sku,
            String name,
            String brand,
            Money price,
            int quantity,
            List<String> steps,
            int applicationsPerWeek,
            Integer lastsWeeks) {}

    /**
     * A slot the routine leaves empty: where it would go ({@code times}), why ({@code cause}), its heading and the
     * text to show in its place.
     */
    public record Placeholder(
            Category slot, List<TimeOfDay> times, PlaceholderCause cause, String label, String message) {}

    public enum PlaceholderCause {
        /** Nothing in stock passes the customer's rules. */
        NOT_AVAILABLE,
        /** Left out to stay within the customer's budget. */
        BUDGET
    }
}
