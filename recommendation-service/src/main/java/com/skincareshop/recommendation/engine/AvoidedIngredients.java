package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.vocabulary.Active;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a customer avoids, as the filters read it: whole classes ("Retinoids", "Fragrance"), the match keys of single
 * ingredients (their dictionary entry's canonical name, so that a synonym is avoided too, else the folded name), and
 * the names the dictionary does not know, as written.
 */
record AvoidedIngredients(Set<Active> classes, Set<String> matchKeys, List<String> unknown) {

    /**
     * The match key of each INCI name of the catalogue, so that a customer who avoids one does not cost a look-up per
     * ingredient of every product visited. Bounded: past the cap, names are looked up each time.
     */
    private static final Map<String, String> MATCH_KEYS = new ConcurrentHashMap<>();

    private static final int MATCH_KEYS_CAP = 50_000;

    static AvoidedIngredients of(List<String> names) {
        Set<Active> classes = EnumSet.noneOf(Active.class);
        Set<String> matchKeys = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            Optional<Active> whole = InciDictionary.classNamed(name);
            if (whole.isPresent()) {
                classes.add(whole.get());
                continue;
            }
            Optional<InciDictionary.Entry> entry = InciDictionary.lookup(name);
            if (entry.isEmpty()) {
                unknown.add(name); // still excluded by its exact (folded) name, and said so
            }
            matchKeys.add(entry.map(InciDictionary.Entry::canonical).orElseGet(() -> InciDictionary.normalize(name)));
        }
        return new AvoidedIngredients(classes, matchKeys, unknown);
    }

    /** An INCI name's match key: its dictionary entry's canonical name, else the folded name. */
    static String matchKey(String inci) {
        String known = MATCH_KEYS.get(inci);
        if (known != null) {
            return known;
        }
        String key = InciDictionary.lookup(inci)
                .map(InciDictionary.Entry::canonical)
                .orElseGet(() -> InciDictionary.normalize(inci));
        if (MATCH_KEYS.size() < MATCH_KEYS_CAP) {
            MATCH_KEYS.put(inci, key);
        }
        return key;
    }
}
