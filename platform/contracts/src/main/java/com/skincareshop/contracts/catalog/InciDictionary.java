package com.skincareshop.contracts.catalog;

import com.skincareshop.contracts.vocabulary.Active;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which INCI names carry which active class (DOMAIN.md's table, extended with common spellings).
 * Kept as one table so that a dermatologist can review it without reading code, and so that the catalogue
 * (deriving actives) and the engine (matching "avoid retinol") read the same data.
 */
public final class InciDictionary {

    private static final Map<String, Active> ACTIVE_BY_INCI = Map.ofEntries(
            // Vitamin C and its stable derivatives
            Map.entry("ascorbic acid", Active.VITAMIN_C),
            Map.entry("sodium ascorbyl phosphate", Active.VITAMIN_C),
            Map.entry("magnesium ascorbyl phosphate", Active.VITAMIN_C),
            Map.entry("ascorbyl glucoside", Active.VITAMIN_C),
            Map.entry("3-o-ethyl ascorbic acid", Active.VITAMIN_C),
            Map.entry("ethyl ascorbic acid", Active.VITAMIN_C),
            Map.entry("ascorbyl tetraisopalmitate", Active.VITAMIN_C),
            Map.entry("tetrahexyldecyl ascorbate", Active.VITAMIN_C),
            // Retinoids (vitamin A family)
            Map.entry("retinol", Active.RETINOID),
            Map.entry("retinal", Active.RETINOID),
            Map.entry("retinaldehyde", Active.RETINOID),
            Map.entry("retinyl palmitate", Active.RETINOID),
            Map.entry("retinyl acetate", Active.RETINOID),
            Map.entry("retinyl propionate", Active.RETINOID),
            Map.entry("hydroxypinacolone retinoate", Active.RETINOID),
            // Signal peptides
            Map.entry("palmitoyl tripeptide-1", Active.PEPTIDES),
            Map.entry("palmitoyl tetrapeptide-7", Active.PEPTIDES),
            Map.entry("palmitoyl pentapeptide-4", Active.PEPTIDES),
            Map.entry("palmitoyl tripeptide-5", Active.PEPTIDES),
            Map.entry("acetyl hexapeptide-8", Active.PEPTIDES),
            Map.entry("acetyl hexapeptide-3", Active.PEPTIDES),
            Map.entry("copper tripeptide-1", Active.PEPTIDES),
            // Growth factors
            Map.entry("sh-oligopeptide-1", Active.GROWTH_FACTORS),
            Map.entry("human fibroblast conditioned media", Active.GROWTH_FACTORS),
            // Humectants
            Map.entry("sodium hyaluronate", Active.HYALURONIC_ACID),
            Map.entry("hyaluronic acid", Active.HYALURONIC_ACID),
            Map.entry("hydrolyzed hyaluronic acid", Active.HYALURONIC_ACID),
            Map.entry("sodium acetylated hyaluronate", Active.HYALURONIC_ACID),
            // Alpha and beta hydroxy acids
            Map.entry("glycolic acid", Active.AHA),
            Map.entry("lactic acid", Active.AHA),
            Map.entry("mandelic acid", Active.AHA),
            Map.entry("citric acid", Active.AHA),
            Map.entry("salicylic acid", Active.BHA),
            Map.entry("niacinamide", Active.NIACINAMIDE),
            Map.entry("camellia sinensis leaf extract", Active.GREEN_TEA),
            Map.entry("mica", Active.REFLECTIVE_MINERALS),
            Map.entry("pearl powder", Active.REFLECTIVE_MINERALS),
            Map.entry("benzoyl peroxide", Active.BENZOYL_PEROXIDE),
            // Fragrance and the fragrance allergens an EU label must name (Regulation (EC) No 1223/2009, Annex III)
            Map.entry("parfum", Active.FRAGRANCE),
            Map.entry("fragrance", Active.FRAGRANCE),
            Map.entry("aroma", Active.FRAGRANCE),
            Map.entry("linalool", Active.FRAGRANCE),
            Map.entry("limonene", Active.FRAGRANCE),
            Map.entry("citronellol", Active.FRAGRANCE),
            Map.entry("geraniol", Active.FRAGRANCE),
            Map.entry("citral", Active.FRAGRANCE),
            Map.entry("eugenol", Active.FRAGRANCE),
            Map.entry("coumarin", Active.FRAGRANCE),
            Map.entry("hexyl cinnamal", Active.FRAGRANCE),
            Map.entry("benzyl salicylate", Active.FRAGRANCE),
            Map.entry("farnesol", Active.FRAGRANCE));

    /** Citric acid is an AHA chemically but in a formula it is almost always a pH adjuster below 1%. */
    private static final BigDecimal PH_ADJUSTER_CEILING = new BigDecimal("1");

    private InciDictionary() {
    }

    /** Folds case, accents, white space and dash variants so that "Sodium  Hyaluronate" matches. */
    public static String normalize(String inci) {
        String folded = Normalizer.normalize(inci, Normalizer.Form.NFKC)
                .replace('\u2010', '-').replace('\u2011', '-').replace('\u2013', '-').replace('\u2212', '-')
                .toLowerCase(Locale.ROOT)
                .strip()
                .replaceAll("\\s+", " ");
        return folded.replaceAll("\\s*-\\s*", "-");
    }

    /** The active class of one INCI name, if it has one. */
    public static Optional<Active> activeOf(String inci) {
        return Optional.ofNullable(ACTIVE_BY_INCI.get(normalize(inci)));
    }

    /** Every INCI name (normalized) that belongs to an active class: "avoid retinoids" excludes all of them. */
    public static List<String> inciNamesOf(Active active) {
        return ACTIVE_BY_INCI.entrySet().stream()
                .filter(e -> e.getValue() == active)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * The actives of a formula and their strength: the sum of the declared percentages of the INCI names of each
     * class, or null where no percentage is declared (present, strength unknown).
     */
    public static List<ActiveStrength> derive(Collection<Ingredient> ingredients) {
        Map<Active, BigDecimal> strengths = new EnumMap<>(Active.class);
        Map<Active, Boolean> present = new EnumMap<>(Active.class);
        for (Ingredient ingredient : ingredients) {
            activeOf(ingredient.inci()).ifPresent(active -> {
                if (isPhAdjuster(ingredient)) {
                    return;
                }
                present.put(active, true);
                if (ingredient.percent() != null) {
                    strengths.merge(active, ingredient.percent(), BigDecimal::add);
                }
            });
        }
        return present.keySet().stream()
                .map(active -> new ActiveStrength(active, strengths.get(active)))
                .collect(Collectors.toList());
    }

    private static boolean isPhAdjuster(Ingredient ingredient) {
        return normalize(ingredient.inci()).equals("citric acid")
                && (ingredient.percent() == null || ingredient.percent().compareTo(PH_ADJUSTER_CEILING) < 0);
    }
}
