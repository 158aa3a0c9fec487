package com.skincareshop.platform.problem;

import com.skincareshop.contracts.validation.Violation;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * A JSON document larger than any valid one is refused before it is read, with a problem naming the body.
 * Bulk uploads (NDJSON) are bounded by {@code quarkus.http.limits.max-body-size} instead.
 */
public class BodySizeLimit {

    private final long maxJsonBytes;

    public BodySizeLimit(@ConfigProperty(name = "skincare.http.max-json-body-bytes", defaultValue = "65536")
                         long maxJsonBytes) {
        this.maxJsonBytes = maxJsonBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request, UriInfo uri) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        MediaType type = request.getMediaType();
        if (length == null || type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return null; // the HTTP layer rejects a malformed Content-Length itself
        }
        if (bytes <= maxJsonBytes) {
            return null;
        }
        Problem problem = new Problem("urn:skincare:problem:payload-too-large", "Payload too large", 413,
                "the JSON body has " + bytes + " bytes; at most " + maxJsonBytes + " are accepted", null,
                List.of(new Violation(Violations.BODY, "at most " + maxJsonBytes + " bytes")));
        return ProblemMappers.respond(problem, uri);
    }
}
