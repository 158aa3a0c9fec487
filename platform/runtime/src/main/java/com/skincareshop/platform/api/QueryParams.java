package com.skincareshop.platform.api;

import com.skincareshop.platform.json.StrictJson;
import com.skincareshop.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Query parameters parsed by hand: JAX-RS answers a failed conversion of a query parameter with 404, but a
 * client that sent {@code size=abc} deserves a 400 that names {@code size}.
 */
public final class QueryParams {

    private QueryParams() {}

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(
                    name,
                    "must be one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
        }
    }

    public static int intValue(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw ProblemException.invalid(name, "must be a whole number from " + min + " to " + max);
        }
        return parsed;
    }

    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ProblemException.invalid(name, "must be at most " + maxLength + " characters");
        }
        if (StrictJson.hasControlCharacters(value)) {
            throw ProblemException.invalid(name, StrictJson.CONTROL_CHARACTERS);
        }
        return value;
    }
}
