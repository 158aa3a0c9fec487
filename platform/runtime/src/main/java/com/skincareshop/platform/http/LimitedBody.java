package com.skincareshop.platform.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that fails once more than {@code limit} bytes have been read from it, whatever the transfer
 * encoding: every byte up to the limit is returned, and the read that would go past it fails. It never asks its source for more than one byte past the limit, so that no more than that is buffered.
 * When the reader stops before the end (the limit, malformed JSON...), {@code abandon} runs once instead of the
 * source's own close, which would read an endless body to its end.
 */
final class LimitedBody extends InputStream {

    private final InputStream source;
    private final long limit;
    private final Runnable abandon;
    private long read;
    private boolean ended;
    private boolean abandoned;

    LimitedBody(InputStream source, long limit, Runnable abandon) {
        this.source = source;
        this.limit = limit;
        this.abandon = abandon;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (read > limit) {
            throw new BodyTooLargeException(limit, -1);
        }
        if (length == 0) {
            return 0;
        }
        int n = source.read(buffer, offset, (int) Math.min(length, limit - read + 1));
        if (n < 0) {
            ended = true;
            return -1;
        }
        read += n;
        if (read > limit) {
            abandon();
            if (n == 1) {
                throw new BodyTooLargeException(limit, -1);
            }
            // the bytes up to the limit are the reader's (a streamed import stores the lines they end), the next
            // read fails
            return n - 1;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return read > limit ? 0 : (int) Math.min(source.available(), limit - read + 1);
    }

    @Override
    public void close() throws IOException {
        if (ended) {
            source.close();
        } else {
            abandon();
        }
    }

    private void abandon() {
        if (!abandoned) {
            abandoned = true;
            abandon.run();
        }
    }
}
