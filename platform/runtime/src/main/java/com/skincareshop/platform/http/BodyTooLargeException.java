package com.skincareshop.platform.http;

import java.io.IOException;

/**
 * A request body longer than its endpoint's limit: stated so by its Content-Length, or found so while it was read. An
 * {@link IOException}, so that Jackson passes it on as it is instead of wrapping it as a mapping error;
 * {@code ProblemMappers} answers it with a 413.
 */
public class BodyTooLargeException extends IOException {

    private final long limit;
    private final long declared;

    /** {@code declared} is the body's stated length, or -1 when it was found too long while it was read. */
    public BodyTooLargeException(long limit, long declared) {
        super("request body over " + limit + " bytes");
        this.limit = limit;
        this.declared = declared;
    }

    public long limit() {
        return limit;
    }

    public long declared() {
        return declared;
    }
}
