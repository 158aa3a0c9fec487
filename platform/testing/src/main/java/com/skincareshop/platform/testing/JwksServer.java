package com.skincareshop.platform.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The identity provider's JWKS URL, served over local HTTP on a free port of 127.0.0.1: the keys the services verify
 * tokens with ({@code mp.jwt.verify.publickey.location}), which {@link #publish} replaces as a provider rotates them.
 */
public final class JwksServer implements AutoCloseable {

    public static final String PATH = "/jwks.json";

    private final HttpServer server;
    private final AtomicReference<String> keys = new AtomicReference<>();
    private volatile List<TokenIssuer> published = List.of();
    private final AtomicInteger fetches = new AtomicInteger();

    private JwksServer(HttpServer server) {
        this.server = server;
    }

    /** Serves the keys of {@code issuers} at {@link #url()} until closed. */
    public static JwksServer serving(TokenIssuer... issuers) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            JwksServer jwks = new JwksServer(http);
            jwks.publish(issuers);
            http.createContext(PATH, exchange -> {
                byte[] body = jwks.keys.get().getBytes(StandardCharsets.UTF_8);
                jwks.fetches.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the JWKS", e);
        }
    }

    /** From now on the set holds exactly these providers' keys (a rotation: the new key, then the old one retired). */
    public void publish(TokenIssuer... issuers) {
        published = List.of(issuers);
        keys.set(TokenIssuer.jwks(issuers));
    }

    /** The providers whose keys the set holds now, in the order published. */
    public List<TokenIssuer> published() {
        return published;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** How many times the key set was fetched. */
    public int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
