package com.skincareshop.platform.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Arrays;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may touch a customer's data: the customer themself (role {@code customer}, token subject = customerId)
 * or a caller with one of the given staff roles. No token is 401, anything else 403.
 */
@RequestScoped
public class CustomerAccess {

    public static final String CUSTOMER = "customer";
    public static final String STOREFRONT = "storefront";
    public static final String SUPPORT = "support";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CustomerAccess(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public void requireSelfOr(String customerId, String... staffRoles) {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (Arrays.stream(staffRoles).anyMatch(identity::hasRole)) {
            return;
        }
        if (identity.hasRole(CUSTOMER) && customerId.equals(token.getSubject())) {
            return;
        }
        throw new ForbiddenException();
    }
}
