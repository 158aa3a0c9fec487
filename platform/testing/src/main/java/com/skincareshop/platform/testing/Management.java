package com.skincareshop.platform.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Requests to the management interface of the service under test (health, metrics, the API document): a port of its
 * own, random in tests ({@code quarkus.management.test-port=0}), which Quarkus reports once it listens.
 */
public final class Management {

    private Management() {}

    /** A REST Assured request to the management port instead of the application port. */
    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    public static int port() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        if (port <= 0) {
            throw new IllegalStateException("the management interface is not listening (test-port " + port + ")");
        }
        return port;
    }

    public static String url(String path) {
        return "http://localhost:" + port() + path;
    }
}
