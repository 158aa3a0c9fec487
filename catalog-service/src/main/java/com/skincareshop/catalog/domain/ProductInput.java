package com.skincareshop.catalog.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SizeUnit;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.Texture;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import jakarta.validation.GroupSequence;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * A product as a merchandiser describes it (the body of PUT and one line of the NDJSON import). Field rules are
 * annotations; rules across fields (SPF only where it belongs, English texts, percentages adding up, the
 * currency) are {@link ProductRules}, applied through {@link ValidProduct}.
 *
 * <p>Validated as {@link SizesFirst}: the size of the ingredient list is checked first and alone, so that a list
 * longer than allowed is one violation and none of its elements is looked at.
 */
@ValidProduct
// What GET returns beyond this input is managed by the catalogue: a read-modify-write PUT may send it back.
@JsonIgnoreProperties(
        value = {
            "version",
            "actives",
            "containsFragrance",
            "unrecognizedIngredients",
            "updatedAt",
            "locale",
            "name",
            "description"
        })
public record ProductInput(
        @Schema(
                description = "Required on an import line; on a PUT, if sent, the sku of the path",
                minLength = 3,
                maxLength = 40)
        @Pattern(regexp = SKU_PATTERN, message = SKU_RULE)
        String sku,

        @NotNull Category category,
        @NotBlank @Size(max = 80) String brand,

        @Schema(
                description = "The name in en (required), tl and lv; another locale is refused, a missing one falls"
                        + " back to English",
                requiredProperties = "en",
                additionalProperties = Schema.False.class,
                properties = {
                    @SchemaProperty(
                            name = "en",
                            type = SchemaType.STRING,
                            minLength = 1,
                            maxLength = ProductRules.NAME_MAX),
                    @SchemaProperty(
                            name = "tl",
                            type = SchemaType.STRING,
                            minLength = 1,
                            maxLength = ProductRules.NAME_MAX),
                    @SchemaProperty(
                            name = "lv",
                            type = SchemaType.STRING,
                            minLength = 1,
                            maxLength = ProductRules.NAME_MAX)
                })
        @NotNull
        Map<String, String> names,

        @Schema(
                description = "The description in en (required), tl and lv; another locale is refused, a missing one"
                        + " falls back to English",
                requiredProperties = "en",
                additionalProperties = Schema.False.class,
                properties = {
                    @SchemaProperty(
                            name = "en",
                            type = SchemaType.STRING,
                            minLength = 1,
                            maxLength = ProductRules.DESCRIPTION_MAX),
                    @SchemaProperty(
                            name = "tl",
                            type = SchemaType.STRING,
                            minLength = 1,
                            maxLength = ProductRules.DESCRIPTION_MAX),
                    @SchemaProperty(
                            name = "lv",
                            type = SchemaType.STRING,
                            minLength = 1,
                            maxLength = ProductRules.DESCRIPTION_MAX)
                })
        @NotNull
        Map<String, String> descriptions,

        @Schema(
                description = "The INCI list in label order; names unique (synonyms count as duplicates), declared"
                        + " percents at most 100 together",
                minItems = 1,
                maxItems = MAX_INGREDIENTS)
        @NotNull
        @Size(min = 1)
        @Size(max = MAX_INGREDIENTS, groups = Sizes.class)
        List<@NotNull @Valid IngredientInput> ingredients,

        @NotNull @Size(max = 10) Set<@NotNull Concern> concerns,
        @NotEmpty Set<@NotNull SkinType> skinTypes,
        @NotEmpty Set<@NotNull Area> areas,
        @NotNull TimeOfDay timeOfDay,

        @Schema(description = "The measured SPF: required on a SUNSCREEN, allowed on a MOISTURIZER, refused elsewhere")
        @Min(2)
        @Max(100)
        Integer spf,

        @NotNull ProductFormat format,
        Texture texture,
        @NotNull @Valid SizeInput size,
        @NotNull @Valid PriceInput price,
        @NotNull @PositiveOrZero @Max(10_000_000) Integer stock,
        ProductStatus status) {

    public static final String SKU_PATTERN = "^[A-Z0-9]+(-[A-Z0-9]+)*$";
    public static final String SKU_RULE =
            "must be 3 to 40 upper-case letters, digits and single dashes, e.g. SER-VITC15-30";
    public static final int MAX_INGREDIENTS = 80;

    /** The constraints checked before all others. */
    public interface Sizes {}

    /**
     * How a product is validated: {@link Sizes}, then everything else only if those hold
     * ({@code @ConvertGroup(to = SizesFirst.class)} on a parameter, or {@code validator.validate(input, SizesFirst.class)}).
     */
    @GroupSequence({Sizes.class, Default.class})
    public interface SizesFirst {}

    public record IngredientInput(
            @NotBlank
            @Size(max = 120)
            @Pattern(
                    regexp = "^[\\p{L}\\p{N} ()/,.'+&:-]+$",
                    message = "must be an INCI name (letters, digits, spaces and - ( ) / , . ' + & :)")
            String inci,

            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4)
            BigDecimal percent) {}

    public record SizeInput(
            @NotNull
            @DecimalMin(value = "0", inclusive = false)
            @DecimalMax("100000")
            @Digits(integer = 6, fraction = 2)
            BigDecimal amount,

            @NotNull SizeUnit unit) {}

    public record PriceInput(
            @NotNull
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
            @DecimalMax("100000")
            BigDecimal amount,

            @Schema(description = "An ISO 4217 code; the amount has no more decimals than it has, and at most 2")
            @NotNull
            @Pattern(regexp = PriceInput.CURRENCY_PATTERN, message = "must be an ISO 4217 code such as EUR")
            String currency) {

        /** The shape of a currency code; {@link ProductRules} then asks the JDK whether it is one. */
        public static final String CURRENCY_PATTERN = "^[A-Z]{3}$";
    }

    /** The status a PUT sets; omitted means the product is (again) on sale. */
    public ProductStatus statusOrActive() {
        return status == null ? ProductStatus.ACTIVE : status;
    }
}
