package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.vocabulary.Locales;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

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
        // Java's locale data knows Tagalog as Filipino ("fil"): the same number and currency conventions
        this.locale = Locale.forLanguageTag(locale.equals("tl") ? "fil-PH" : locale);
        this.bundle = ResourceBundle.getBundle(
                "messages.routine",
                Locale.forLanguageTag(locale),
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

    /** Arguments as the texts show them: codes by their localized names, money in the locale's format. */
    Object[] arguments(Object... arguments) {
        Object[] shown = arguments.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof Money money) {
                shown[i] = money(money);
            } else if (shown[i] instanceof Enum<?> code) {
                shown[i] = prefix(code) == null ? code.name() : name(code); // a fact no text names, as its code
            }
        }
        return shown;
    }

    String money(Money money) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency currency = Currency.getInstance(money.currency());
        format.setCurrency(currency);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        return format.format(money.amount());
    }

    /** The nights of a plan, in the locale's words: "Mon, Wed, Fri". */
    String days(List<Weekday> nights) {
        return nights.stream().map(this::name).collect(Collectors.joining(", "));
    }

    String name(Enum<?> value) {
        String prefix = prefix(value);
        if (prefix == null) {
            throw new IllegalArgumentException("no texts for " + value.getDeclaringClass());
        }
        return bundle.getString(prefix + value.name());
    }

    private static String prefix(Enum<?> value) {
        return switch (value.getDeclaringClass().getSimpleName()) {
            case "Concern" -> "concern.";
            case "SkinType" -> "skinType.";
            case "Active" -> "active.";
            case "Category" -> "slot.";
            case "Area" -> "area.";
            case "Weekday" -> "day.";
            default -> null;
        };
    }
}
