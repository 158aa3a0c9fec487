package com.skincareshop.catalog.domain;

import com.skincareshop.contracts.catalog.ActiveStrength;
import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.catalog.Ingredient;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.catalog.Size;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SizeUnit;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.Texture;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

/**
 * A product of the catalogue. {@code version} starts at 1 and grows by one with every change that alters what a
 * customer or a consumer could see; an identical resubmission changes nothing.
 */
@Entity
@Table(name = "product")
public class Product {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s{2,}|[\\s&&[^ ]]");

    @Id
    String sku;

    @Enumerated(EnumType.STRING)
    Category category;

    @Enumerated(EnumType.STRING)
    ProductStatus status;

    String brand;

    // The JSON columns hold values that are replaced, never changed in place (apply() assigns new ones): Hibernate
    // may keep them as they are for its snapshot and compare them with equals, instead of copying each through
    // JSON text on every load and persist.
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    Map<String, String> names;

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    Map<String, String> descriptions;

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    List<Ingredient> ingredients;

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    List<ActiveStrength> actives;

    @Column(name = "contains_fragrance")
    boolean containsFragrance;

    @Column(name = "unrecognized_ingredients")
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    List<String> unrecognizedIngredients;

    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] concerns;

    @Column(name = "skin_types")
    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] skinTypes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    String[] areas;

    @Column(name = "time_of_day")
    @Enumerated(EnumType.STRING)
    TimeOfDay timeOfDay;

    Integer spf;

    @Enumerated(EnumType.STRING)
    ProductFormat format;

    @Enumerated(EnumType.STRING)
    Texture texture;

    @Column(name = "size_amount")
    BigDecimal sizeAmount;

    @Column(name = "size_unit")
    @Enumerated(EnumType.STRING)
    SizeUnit sizeUnit;

    @Column(name = "price_amount")
    BigDecimal priceAmount;

    @Column(name = "price_currency")
    String priceCurrency;

    int stock;

    long version;

    @Column(name = "updated_at")
    Instant updatedAt;

    @Column(name = "search_text")
    String searchText;

    protected Product() {
        // for JPA
    }

    static Product create(String sku) {
        Product product = new Product();
        product.sku = sku;
        product.version = 0;
        return product;
    }

    public String sku() {
        return sku;
    }

    public long version() {
        return version;
    }

    public ProductStatus status() {
        return status;
    }

    /**
     * Makes this product what {@code input} describes. Returns false, touching nothing, when it already is:
     * the version then stays and no event is published.
     */
    boolean apply(ProductInput input, Instant now) {
        ProductState before = version == 0 ? null : contentOf(toState());
        category = input.category();
        status = input.statusOrActive();
        brand = input.brand().strip();
        names = inLocaleOrder(input.names());
        descriptions = inLocaleOrder(input.descriptions());
        ingredients = input.ingredients().stream()
                .map(i -> new Ingredient(spacesOf(i.inci()), normalize(i.percent())))
                .toList();
        actives = InciDictionary.derive(ingredients);
        containsFragrance = actives.stream().anyMatch(a -> a.code() == Active.FRAGRANCE);
        unrecognizedIngredients = InciDictionary.unrecognized(ingredients);
        concerns = codes(input.concerns());
        skinTypes = codes(input.skinTypes());
        areas = codes(input.areas());
        timeOfDay = input.timeOfDay();
        spf = input.spf();
        format = input.format();
        texture = input.texture();
        sizeAmount = input.size().amount().setScale(2, RoundingMode.UNNECESSARY);
        sizeUnit = input.size().unit();
        priceAmount = input.price().amount().setScale(ProductRules.PRICE_DECIMALS, RoundingMode.UNNECESSARY);
        priceCurrency = input.price().currency();
        stock = input.stock();
        searchText = searchTextOf();
        if (before != null && before.equals(contentOf(toState()))) {
            return false;
        }
        version++;
        updatedAt = now;
        return true;
    }

    /** Taken off sale: it leaves recommendations, but stays readable. False when it already was. */
    boolean discontinue(Instant now) {
        if (status == ProductStatus.DISCONTINUED) {
            return false;
        }
        status = ProductStatus.DISCONTINUED;
        version++;
        updatedAt = now;
        return true;
    }

    /** The full state: the event payload and the API representation. */
    public ProductState toState() {
        return new ProductState(
                sku,
                version,
                status,
                category,
                brand,
                names,
                descriptions,
                ingredients,
                actives,
                containsFragrance,
                enums(Concern.class, concerns),
                enums(SkinType.class, skinTypes),
                enums(Area.class, areas),
                timeOfDay,
                spf,
                format,
                texture,
                new Size(sizeAmount, sizeUnit),
                new Money(priceAmount, priceCurrency),
                stock,
                updatedAt,
                unrecognizedIngredients);
    }

    /** The state without what every change moves (version, time): equal content means nothing changed. */
    private static ProductState contentOf(ProductState s) {
        return new ProductState(
                s.sku(),
                0,
                s.status(),
                s.category(),
                s.brand(),
                s.names(),
                s.descriptions(),
                s.ingredients(),
                s.actives(),
                s.containsFragrance(),
                s.concerns(),
                s.skinTypes(),
                s.areas(),
                s.timeOfDay(),
                s.spf(),
                s.format(),
                s.texture(),
                s.size(),
                s.price(),
                s.stock(),
                null,
                s.unrecognizedIngredients());
    }

    private String searchTextOf() {
        String texts = String.join(" ", names.values());
        String inci = ingredients.stream().map(Ingredient::inci).collect(Collectors.joining(" "));
        return String.join(" ", sku, brand, texts, inci).toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> inLocaleOrder(Map<String, String> texts) {
        Map<String, String> ordered = new LinkedHashMap<>();
        Locales.SUPPORTED.forEach(locale -> {
            if (texts.containsKey(locale)) {
                ordered.put(locale, texts.get(locale).strip());
            }
        });
        return ordered;
    }

    /** One space wherever the label has runs of white space (a compiled pattern: an import applies it to every name). */
    private static String spacesOf(String inci) {
        String stripped = inci.strip();
        // a single space is left alone, so that most names are returned as they are
        Matcher runs = WHITE_SPACE.matcher(stripped);
        return runs.find() ? runs.replaceAll(" ") : stripped;
    }

    /** "15.0" and "15" are the same strength: compare and store them alike. */
    private static BigDecimal normalize(BigDecimal percent) {
        if (percent == null) {
            return null;
        }
        BigDecimal stripped = percent.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static <E extends Enum<E>> String[] codes(Collection<E> values) {
        return values.stream().sorted().map(Enum::name).toArray(String[]::new);
    }

    private static <E extends Enum<E>> Set<E> enums(Class<E> type, String[] codes) {
        EnumSet<E> set = EnumSet.noneOf(type);
        Arrays.stream(codes).map(code -> Enum.valueOf(type, code)).forEach(set::add);
        return set;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Product product && Objects.equals(sku, product.sku);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(sku);
    }
}
