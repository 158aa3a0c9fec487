package com.skincareshop.contracts.vocabulary;

import java.util.List;
import java.util.Locale;

/** The launch locales. English is the reference: every text exists in en, the others fall back to it. */
public final class Locales {
    public static final String ENGLISH = "en";
    public static final List<String> SUPPORTED = List.of("en", "tl", "lv");

    private Locales() {}

    public static boolean isSupported(String locale) {
        return locale != null && SUPPORTED.contains(locale);
    }

    /**
     * The supported locale closest to the requested one: "lv-LV" and "LV" give "lv"; anything unknown, en.
     */
    public static String resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return ENGLISH;
        }
        String language = requested.strip().replace('_', '-').split("-", 2)[0].toLowerCase(Locale.ROOT);
        return isSupported(language) ? language : ENGLISH;
    }
}
