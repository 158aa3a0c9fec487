package com.skincareshop.catalog.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Valid product bodies to start from; tests change one field to make them invalid or different. */
public final class Products {

    private Products() {}

    /** A sku no other test uses. */
    public static String uniqueSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static Map<String, Object> vitaminCSerum(String tag) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("category", "SERUM");
        product.put("brand", "Lumen Lab");
        product.put(
                "names",
                new LinkedHashMap<>(Map.of(
                        "en", "Bright C 15 Serum " + tag,
                        "tl", "Bright C 15 na Serum " + tag,
                        "lv", "Bright C 15 serums " + tag)));
        product.put(
                "descriptions",
                new LinkedHashMap<>(Map.of(
                        "en", "A 15% vitamin C serum for dark spots. Apply in the morning under sunscreen.",
                        "tl", "Serum na may 15% bitamina C para sa mga dark spot.",
                        "lv", "Serums ar 15% C vitamīnu pigmenta plankumiem.")));
        product.put(
                "ingredients",
                new ArrayList<>(List.of(
                        ingredient("Aqua", null),
                        ingredient("Ascorbic Acid", 15),
                        ingredient("Sodium Hyaluronate", 1),
                        ingredient("Ferulic Acid", 0.5))));
        product.put("concerns", List.of("DARK_SPOTS", "DULLNESS"));
        product.put("skinTypes", List.of("NORMAL", "OILY", "COMBINATION"));
        product.put("areas", List.of("FACE"));
        product.put("timeOfDay", "AM");
        product.put("format", "DROPPER");
        product.put("texture", "SERUM");
        product.put("size", new LinkedHashMap<>(Map.of("amount", 30, "unit", "ML")));
        product.put("price", new LinkedHashMap<>(Map.of("amount", "39.90", "currency", "EUR")));
        product.put("stock", 25);
        return product;
    }

    public static Map<String, Object> sunscreen(String tag, int spf) {
        Map<String, Object> product = vitaminCSerum(tag);
        product.put("category", "SUNSCREEN");
        product.put("names", new LinkedHashMap<>(Map.of("en", "Daily Shield SPF " + spf + " " + tag)));
        product.put("descriptions", new LinkedHashMap<>(Map.of("en", "Mineral sunscreen, last step of the morning.")));
        product.put("ingredients", new ArrayList<>(List.of(ingredient("Aqua", null), ingredient("Zinc Oxide", 18))));
        product.put("concerns", List.of("DARK_SPOTS"));
        product.put("spf", spf);
        product.put("format", "TUBE");
        product.put("texture", "FLUID");
        return product;
    }

    /** The ingredient list of a body built here, to add to or change. */
    @SuppressWarnings("unchecked")
    public static List<Object> ingredients(Map<String, Object> product) {
        return (List<Object>) product.get("ingredients");
    }

    public static Map<String, Object> ingredient(String inci, Number percent) {
        Map<String, Object> ingredient = new LinkedHashMap<>();
        ingredient.put("inci", inci);
        if (percent != null) {
            ingredient.put("percent", percent);
        }
        return ingredient;
    }
}
