package com.skincareshop.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.platform.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body that states more bytes than {@code quarkus.http.limits.max-body-size} is refused with a 413 problem before
 * anything else runs; Quarkus' own check of that limit, which would answer next, sends an empty 413. Every endpoint's
 * own limit ({@link BodyLimitInterceptor}) is lower, so a chunked body meets that one first.
 */
@Singleton
public class BodyCeiling {

    /** Vert.x runs filters of higher priority first; Quarkus' body size check is at route order -2. */
    private static final int BEFORE_QUARKUS_BODY_SIZE_CHECK = 100;

    void register(
            @Observes Filters filters,
            ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> ceiling,
            @ConfigProperty(name = "skincare.http.body-drain") MemorySize drainLimit) {
        if (ceiling.isEmpty()) {
            return;
        }
        long max = ceiling.get().asLongValue();
        filters.register(
                context -> {
                    long declared = declaredLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
                    if (declared <= max) {
                        context.next();
                        return;
                    }
                    UnreadBody.drop(context.request(), drainLimit.asLongValue());
                    refuse(context, json, Problem.payloadTooLarge(max, declared));
                },
                BEFORE_QUARKUS_BODY_SIZE_CHECK);
    }

    private static void refuse(RoutingContext context, ObjectMapper json, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem.withInstance(context.normalizedPath()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem that cannot be written as JSON", e);
        }
        context.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }

    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1; // the HTTP layer refuses a malformed Content-Length itself
        }
    }
}
