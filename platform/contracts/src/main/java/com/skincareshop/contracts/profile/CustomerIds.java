package com.skincareshop.contracts.profile;

import java.util.regex.Pattern;

/** What a customer id looks like, wherever one arrives (the identity provider's subject, a path). */
public final class CustomerIds {

    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";
    public static final String RULE = "must be 1 to 64 letters, digits and . _ : - (starting with a letter or digit)";

    /** Compiled once: the consumers test every record's key (String.matches compiles the pattern on each call). */
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private CustomerIds() {}

    public static boolean isValid(String customerId) {
        return customerId != null && COMPILED.matcher(customerId).matches();
    }
}
