package com.skincareshop.platform.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What becomes of the rest of a body the service stopped reading (refused for its size, or unreadable): it is read
 * and dropped as it arrives, so that nothing piles up in memory and a client that sends its whole body before it
 * reads the answer still gets that answer. Past {@code drainLimit} more bytes the connection is closed as soon as
 * the answer is written, and past {@link #HARD_LIMIT_FACTOR} times that in any case, so that an endless body costs
 * nothing more.
 */
final class UnreadBody {

    static final int HARD_LIMIT_FACTOR = 8;

    private UnreadBody() {}

    static void drop(HttpServerRequest request, long drainLimit) {
        if (request.isEnded()) {
            return;
        }
        HttpServerResponse response = request.response();
        AtomicLong dropped = new AtomicLong();
        request.handler(data -> {
            long total = dropped.addAndGet(data.length());
            // checked as data arrives: a response's end handler is not ours to take, Quarkus and Vert.x Web use it
            if (total > drainLimit && (response.ended() || total > HARD_LIMIT_FACTOR * drainLimit)) {
                request.handler(null);
                response.close(); // after what was written is flushed
            }
        });
        request.resume();
    }
}
