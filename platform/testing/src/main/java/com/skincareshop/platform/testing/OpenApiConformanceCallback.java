package com.skincareshop.platform.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Installs {@link OpenApiConformance} before each {@code @QuarkusTest} method of every service, so that all API tests
 * check their responses against the document without saying so. Quarkus loads this callback (META-INF/services) in
 * the test's own class loader, the one whose RestAssured the test uses.
 */
public class OpenApiConformanceCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        OpenApiConformance.install();
        // the service under test serves its document on its management port
        OpenApiConformance.documentsAt(base -> Management.url("/q/openapi?format=json"));
    }
}
