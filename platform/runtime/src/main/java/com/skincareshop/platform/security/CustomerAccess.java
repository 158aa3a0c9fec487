package com.skincareshop.platform.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may touch a customer's data. A token is bound to a customer when it has the {@code customer} role and its
 * {@code sub} is the customer: the customer's own token, or one the storefront obtained for the signed-in customer
 * by token exchange (RFC 8693), which names the storefront in its {@code act} claim. Such a token reaches that one
 * customer; no client can forge one for another, since only the identity provider signs. Staff roles reach every
 * customer, but only on a token of their own: a delegated token carries the customer's roles, never staff ones.
 * No token is 401, a malformed {@code act} claim too; anything else 403.
 */
@RequestScoped
public class CustomerAccess {

    public static final String CUSTOMER = "customer";
    public static final String STOREFRONT = "storefront";
    public static final String SUPPORT = "support";
    /** RFC 8693: the party acting for the token's subject, as {@code {"sub": "<client>"}}. */
    public static final String ACTOR_CLAIM = "act";

    /** How a caller reaches the customer's data. */
    public enum Reach {
        /** The customer's own token. */
        SELF,
        /** A token held for the customer by another party ({@code act}): the storefront acting for them. */
        DELEGATED,
        /** A staff role, reaching every customer. */
        STAFF
    }

    /**
     * A caller allowed in: the token's subject, the acting party of a delegated token, the staff role that let a
     * staff caller in.
     */
    public record Caller(String subject, Optional<String> actor, Optional<String> staffRole, Reach reach) {

        public boolean delegated() {
            return reach == Reach.DELEGATED;
        }

        public boolean isStaff(String role) {
            return reach == Reach.STAFF && staffRole.filter(role::equals).isPresent();
        }
    }

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CustomerAccess(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /**
     * The customer themself, by their own token or one held for them ({@code act}), or a caller with one of the
     * staff roles on a token of its own; else 401 without a token, 403 otherwise.
     */
    public Caller requireCustomerOr(String customerId, String... staffRoles) {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        Optional<String> actor = actor();
        String subject = token.getSubject();
        if (identity.hasRole(CUSTOMER) && customerId.equals(subject)) {
            return new Caller(subject, actor, Optional.empty(), actor.isPresent() ? Reach.DELEGATED : Reach.SELF);
        }
        if (actor.isEmpty()) {
            Optional<String> role =
                    Arrays.stream(staffRoles).filter(identity::hasRole).findFirst();
            if (role.isPresent()) {
                return new Caller(subject, actor, role, Reach.STAFF);
            }
        }
        throw new ForbiddenException();
    }

    /** The {@code sub} of the {@code act} claim; a claim of another shape makes the token invalid (401). */
    private Optional<String> actor() {
        Object act = token.getClaim(ACTOR_CLAIM);
        if (act == null) {
            return Optional.empty();
        }
        if (act instanceof JsonObject object
                && object.get("sub") instanceof JsonString sub
                && !sub.getString().isBlank()) {
            return Optional.of(sub.getString());
        }
        throw new UnauthorizedException("the act claim names no acting party");
    }
}
