package com.skincareshop.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.skincareshop.platform.http.BodyTooLargeException;
import com.skincareshop.platform.persistence.DatabaseUnavailable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error a client can see is {@code application/problem+json}. Client mistakes are 4xx and name the field;
 * a database that is down or failing over is a 503 with {@code Retry-After}; anything else is a 500 that names
 * only an error id, which is also in the log (never the request body: questionnaire answers are personal data).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** A failover or restart takes seconds (docs/RELIABILITY.md, the fault run). */
    private static final int DATABASE_RETRY_AFTER_SECONDS = 2;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        if (Violations.concernReturnValue(e.getConstraintViolations())) {
            return unexpected(e, uri); // our response broke its own contract: a bug, not the client's fault
        }
        return respond(Problem.validation(Violations.of(e.getConstraintViolations())), uri);
    }

    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeException e, UriInfo uri) {
        return respond(Problem.payloadTooLarge(e.limit(), e.declared()), uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e.getCause() instanceof BodyTooLargeException tooLarge) {
            return bodyTooLarge(tooLarge, uri); // Jackson wraps what fails inside a collection with its place
        }
        return respond(Problem.validation(List.of(Violations.of(e))), uri);
    }

    /** Replaces Quarkus' built-in mapper for this type, which answers plain JSON without the field. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(StreamReadException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(
                Problem.of(403, "forbidden", "Forbidden", "the token does not allow this operation on this resource"),
                uri);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return respond(
                Problem.of(
                        409,
                        "concurrent-modification",
                        "Conflict",
                        "the resource was changed by another request; read it again and retry"),
                uri);
    }

    /** Two requests created the same resource at once; the loser may simply retry. */
    @ServerExceptionMapper
    public Response uniqueViolation(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (e.getKind() != org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
            return unexpected(e, uri);
        }
        return respond(
                Problem.of(409, "conflict", "Conflict", "the resource was created by a concurrent request; retry"),
                uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        return respond(Problem.of(status, slug(title), title, e.getMessage()), uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.causes(e)) {
            return databaseUnavailable(e, uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri == null ? "?" : uri.getPath());
        return respond(
                Problem.of(500, "internal", "Internal error", "an unexpected error occurred; error id " + errorId),
                uri);
    }

    /**
     * The database is down, failing over or out of connections: nothing is wrong with the request, and nothing
     * was stored (the transaction did not commit). A 503 with {@code Retry-After} tells the client to try again;
     * one warning line, no stack trace, since an outage produces one per request.
     */
    private Response databaseUnavailable(Throwable e, UriInfo uri) {
        LOG.warnf(
                "Database unavailable on %s (%s); answered 503",
                uri == null ? "?" : uri.getPath(), e.getClass().getSimpleName());
        return Response.fromResponse(respond(
                        Problem.of(
                                503,
                                "database-unavailable",
                                "Service unavailable",
                                "the database is unavailable; nothing was changed, retry shortly"),
                        uri))
                .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                .build();
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(respond(
                        Problem.of(401, "unauthenticated", "Unauthorized", "a valid bearer token is required"), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    public static Response respond(Problem problem, UriInfo uri) {
        Problem withInstance = uri == null ? problem : problem.withInstance(uri.getPath());
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(withInstance)
                .build();
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
