package com.skincareshop.recommendation.domain;

import com.skincareshop.contracts.vocabulary.Locales;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routine's texts in one locale, from {@code messages/routine[_tl|_lv].properties}. English is the base
 * bundle, so a key missing in a translation falls back to English rather than to the JVM's default locale.
 */
final class Messages {

    private static final Map<String, Messages> BY_LOCALE = new ConcurrentHashMap<>();

    private final Locale locale;
    private final ResourceBundle bundle;
    /** Parsed once: parsing a pattern costs more than formatting it. Formats are not thread-safe, so each use clones. */
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

    private Messages(String locale) {
        this.locale = Locale.forLanguageTag(locale);
        this.bundle = ResourceBundle.getBundle("messages.routine", this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static Messages of(String locale) {
        return BY_LOCALE.computeIfAbsent(Locales.resolve(locale), Messages::new);
    }

    String text(String key, Object... arguments) {
        if (arguments.length == 0) {
            return bundle.getString(key);
        }
        MessageFormat format = formats.computeIfAbsent(key, k -> new MessageFormat(bundle.getString(k), locale));
        return ((MessageFormat) format.clone()).format(arguments);
    }

    String name(Enum<?> value) {
        String prefix = switch (value.getDeclaringClass().getSimpleName()) {
            case "Concern" -> "concern.";
            case "SkinType" -> "skinType.";
            case "Active" -> "active.";
            case "Category" -> "slot.";
            default -> throw new IllegalArgumentException("no texts for " + value.getDeclaringClass());
        };
        return bundle.getString(prefix + value.name());
    }
}
