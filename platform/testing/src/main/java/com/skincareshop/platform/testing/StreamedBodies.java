package com.skincareshop.platform.testing;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Request bodies generated as they are sent, so that a test can send megabytes, or more than the server will ever
 * read, without holding them: chunked (no Content-Length, as a client streaming its upload sends them), or with a
 * stated length.
 */
public final class StreamedBodies {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private StreamedBodies() {}

    /** {@code head}, then {@code filler} repeated up to {@code length} bytes in all, then {@code tail}. */
    public static InputStream repeated(String head, String filler, long length, String tail) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] repeat = filler.getBytes(StandardCharsets.UTF_8);
        byte[] end = tail.getBytes(StandardCharsets.UTF_8);
        long fill = Math.max(0, length - start.length - end.length);
        long fillEnd = start.length + fill - fill % repeat.length;
        long total = fillEnd + end.length;
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (position >= total) {
                    return -1;
                }
                int n = 0;
                for (; n < count && position < total; n++, position++) {
                    buffer[offset + n] = position < start.length
                            ? start[(int) position]
                            : position < fillEnd
                                    ? repeat[(int) ((position - start.length) % repeat.length)]
                                    : end[(int) (position - fillEnd)];
                }
                return n;
            }
        };
    }

    /** Sends {@code body} without a Content-Length; a connection the server closed shows as the exception. */
    public static HttpResponse<String> sendChunked(
            String method, URI uri, String token, String contentType, InputStream body) throws Exception {
        return send(uri, token, contentType, method, HttpRequest.BodyPublishers.ofInputStream(() -> body));
    }

    /** Sends {@code body}, which must have {@code length} bytes, with that Content-Length. */
    public static HttpResponse<String> sendWithLength(
            String method, URI uri, String token, String contentType, InputStream body, long length) throws Exception {
        return send(
                uri,
                token,
                contentType,
                method,
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length));
    }

    private static HttpResponse<String> send(
            URI uri, String token, String contentType, String method, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .method(method, body)
                .header("Content-Type", contentType);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
