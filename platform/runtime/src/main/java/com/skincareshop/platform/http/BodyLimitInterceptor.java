package com.skincareshop.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;

/**
 * Holds every request body to its endpoint's limit ({@link BodyLimit} on the body parameter) on the stream itself, as
 * it is read: a chunked body, which states no length, is cut off as soon as it passes the limit and is never buffered
 * beyond it; a body that states a larger length is refused before a byte of it is read. Either way the reader gets a
 * {@link BodyTooLargeException}, which is answered with a 413 problem naming the body. A reader interceptor runs only
 * for an endpoint that reads a body, and only when it reads it.
 */
@Provider
public class BodyLimitInterceptor implements ReaderInterceptor {

    static final String PROPERTY_PREFIX = "skincare.http.body-limit.";
    static final String DEFAULT = "default";

    private final Config config;
    private final CurrentVertxRequest vertxRequest;
    private final long drainLimit;
    private final Map<String, Long> limits = new ConcurrentHashMap<>();

    public BodyLimitInterceptor(Config config, CurrentVertxRequest vertxRequest) {
        this.config = config;
        this.vertxRequest = vertxRequest;
        this.drainLimit =
                config.getValue("skincare.http.body-drain", MemorySize.class).asLongValue();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long limit = limits.computeIfAbsent(endpointOf(context.getAnnotations()), this::limitOf);
        HttpServerRequest request = vertxRequest.getCurrent().request();
        Runnable dropTheRest = () -> UnreadBody.drop(request, drainLimit);
        long declared = BodyCeiling.declaredLength(context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH));
        if (declared > limit) {
            dropTheRest.run();
            throw new BodyTooLargeException(limit, declared);
        }
        context.setInputStream(new LimitedBody(context.getInputStream(), limit, dropTheRest));
        return context.proceed();
    }

    private static String endpointOf(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof BodyLimit named) {
                    return named.value();
                }
            }
        }
        return DEFAULT;
    }

    private long limitOf(String endpoint) {
        String property = PROPERTY_PREFIX + endpoint;
        return config.getOptionalValue(property, MemorySize.class)
                .orElseThrow(() -> new IllegalStateException("body limit " + property + " is not configured"))
                .asLongValue();
    }
}
