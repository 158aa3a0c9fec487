package com.skincareshop.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter against a small server of its own whose answers break its document in each way the filter must catch,
 * and keep to it in the ways it must let through.
 */
class OpenApiConformanceTest {

    private static final String DOCUMENT = """
            {"openapi": "3.0.3", "info": {"title": "things", "version": "1"},
             "paths": {"/api/things/{id}": {"get": {
               "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
               "responses": {
                 "200": {"description": "a thing",
                         "headers": {"ETag": {"required": true, "schema": {"type": "string"}}},
                         "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                 "404": {"description": "no such thing",
                         "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
             "components": {"schemas": {
               "Thing": {"type": "object", "required": ["id", "colour"],
                         "properties": {"id": {"type": "integer"}, "colour": {"type": "string", "enum": ["RED", "BLUE"]}}},
               "Problem": {"type": "object", "required": ["type", "status"],
                           "properties": {"type": {"type": "string"}, "status": {"type": "integer"}}}}}}
            """;

    /** What the server answers for each id: status, content type, ETag (or null), body. */
    private static final Map<String, String[]> ANSWERS = Map.of(
            "good", new String[] {"200", "application/json", "\"1\"", "{\"id\": 1, \"colour\": \"RED\"}"},
            "missing",
                    new String[] {
                        "404", "application/problem+json", null, "{\"type\": \"urn:x:not-found\", \"status\": 404}"
                    },
            "wrong-type", new String[] {"200", "application/json", "\"1\"", "{\"id\": \"one\", \"colour\": \"RED\"}"},
            "unknown-code", new String[] {"200", "application/json", "\"1\"", "{\"id\": 1, \"colour\": \"GREEN\"}"},
            "no-etag", new String[] {"200", "application/json", null, "{\"id\": 1, \"colour\": \"RED\"}"},
            "teapot",
                    new String[] {
                        "418", "application/problem+json", null, "{\"type\": \"urn:x:teapot\", \"status\": 418}"
                    },
            "plain-error", new String[] {"404", "text/plain", null, "not found"},
            "bad-problem", new String[] {"404", "application/problem+json", null, "{\"status\": \"404\"}"});

    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/q/openapi", exchange -> answer(exchange, 200, "application/json", null, DOCUMENT));
        server.createContext("/q/health", exchange -> answer(exchange, 200, "text/plain", null, "UP"));
        server.createContext("/api/", exchange -> {
            String[] answer = ANSWERS.get(exchange.getRequestURI().getPath().replaceFirst("^/api/things/", ""));
            if (answer == null) {
                answer(
                        exchange,
                        404,
                        "application/problem+json",
                        null,
                        "{\"type\": \"urn:x:not-found\", \"status\": 404}");
            } else {
                answer(exchange, Integer.parseInt(answer[0]), answer[1], answer[2], answer[3]);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void documentedAnswersPass() {
        assertThatCode(() -> get("/api/things/good")).doesNotThrowAnyException();
        assertThatCode(() -> get("/api/things/missing")).doesNotThrowAnyException();
    }

    @Test
    void aFieldOfTheWrongTypeFails() {
        assertThatThrownBy(() -> get("/api/things/wrong-type"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/id")
                .hasMessageContaining("integer");
    }

    @Test
    void aCodeOutsideItsEnumFails() {
        assertThatThrownBy(() -> get("/api/things/unknown-code"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GREEN");
    }

    @Test
    void anUndocumentedStatusFails() {
        assertThatThrownBy(() -> get("/api/things/teapot"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("418");
    }

    @Test
    void aContentTypeTheStatusDoesNotDocumentFails() {
        assertThatThrownBy(() -> get("/api/things/plain-error"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("text/plain");
    }

    @Test
    void anErrorBodyThatIsNoProblemFails() {
        assertThatThrownBy(() -> get("/api/things/bad-problem"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("type")
                .hasMessageContaining("/status");
    }

    @Test
    void aMissingRequiredHeaderFails() {
        assertThatThrownBy(() -> get("/api/things/no-etag"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ETag");
    }

    @Test
    void aPathOrMethodTheDocumentDoesNotHaveFails() {
        assertThatThrownBy(() -> get("/api/other"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/api/other");
        assertThatThrownBy(() -> RestAssured.given()
                        .filter(new OpenApiConformance())
                        .when()
                        .delete(base + "/api/things/good"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DELETE");
    }

    @Test
    void operationsEndpointsAreNotChecked() {
        assertThatCode(() -> get("/q/health")).doesNotThrowAnyException();
    }

    @Test
    void installsOnce() {
        OpenApiConformance.install();
        OpenApiConformance.install();
        try {
            assertThat(RestAssured.filters())
                    .filteredOn(OpenApiConformance.class::isInstance)
                    .hasSize(1);
        } finally {
            RestAssured.reset();
        }
    }

    private static void get(String path) {
        RestAssured.given().filter(new OpenApiConformance()).when().get(base + path);
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String etag, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        if (etag != null) {
            exchange.getResponseHeaders().add("ETag", etag);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
