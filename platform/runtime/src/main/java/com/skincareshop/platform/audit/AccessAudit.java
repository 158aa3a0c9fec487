package com.skincareshop.platform.audit;

import com.skincareshop.platform.security.CustomerAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Request;
import java.time.Clock;

/**
 * Writes the audit record of an access to a customer's data: who (the token's subject, and the acting party of a
 * delegated token), what (the action, the customer, the HTTP method and the path template of the endpoint, never
 * the path itself with its parameters, nor anything of the request's body), when. Called by the resource once access
 * was granted, before it reads or erases: in the caller's transaction when there is one (an erasure and its record
 * commit together), else in one of its own that commits before anything is read, so a read that fails afterwards is
 * still on record and a record that cannot be written lets nothing be read.
 */
@ApplicationScoped
public class AccessAudit {

    private final AccessRecordRepository records;
    private final ResourceInfo resource;
    private final Request request;
    private final Clock clock;

    public AccessAudit(AccessRecordRepository records, ResourceInfo resource, Request request, Clock clock) {
        this.records = records;
        this.resource = resource;
        this.request = request;
        this.clock = clock;
    }

    @Transactional
    public void record(AccessAction action, String customerId, CustomerAccess.Caller caller) {
        records.persist(new AccessRecord(
                clock.instant(),
                caller.subject(),
                caller.actor().orElse(null),
                caller.staffRole().orElse(CustomerAccess.CUSTOMER),
                action,
                customerId,
                request.getMethod(),
                pathTemplate()));
    }

    /** The endpoint's path as declared ({@code /api/profiles/{customerId}}): the resource's and the method's. */
    private String pathTemplate() {
        Class<?> declaring = resource.getResourceClass();
        while (declaring.getAnnotation(Path.class) == null && declaring.getSuperclass() != null) {
            declaring = declaring.getSuperclass(); // a subclass generated for interceptors carries no @Path
        }
        Path type = declaring.getAnnotation(Path.class);
        Path method = resource.getResourceMethod().getAnnotation(Path.class);
        String template = (type == null ? "" : type.value()) + "/" + (method == null ? "" : method.value());
        return ("/" + template).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }
}
