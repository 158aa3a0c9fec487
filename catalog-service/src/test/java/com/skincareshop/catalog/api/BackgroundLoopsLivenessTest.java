package com.skincareshop.catalog.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.platform.lifecycle.Daemons;
import com.skincareshop.platform.testing.Management;
import com.skincareshop.platform.testing.Readiness;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A background loop killed by an {@code Error} makes liveness DOWN, naming it; readiness does not change. */
@CatalogTest
class BackgroundLoopsLivenessTest {

    private static final String LOOPS = "checks.find { it.name == 'background-loops' }";

    @Test
    void aLoopKilledByAnErrorMakesLivenessDownNamingItWhileReadinessIsUnchanged() throws InterruptedException {
        Readiness.await();
        String name = "doomed-loop-" + UUID.randomUUID();

        Daemons.start(name, () -> {
                    throw new StackOverflowError();
                })
                .join(10_000);

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Management.given().when().get("/q/health/live").statusCode() == 503);
        Management.given()
                .when()
                .get("/q/health/live")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(LOOPS + ".status", equalTo("DOWN"))
                .body(LOOPS + ".data.down", equalTo(name))
                .body(LOOPS + ".data.'" + name + "'", equalTo("dead: java.lang.StackOverflowError"))
                // the relay is watched too, and alive
                .body(LOOPS + ".data.'outbox-relay'", equalTo("alive"));
        Management.given()
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem("background-loops")));

        // restarted under its name, the loop replaces the dead record; returning, it is forgotten
        Daemons.start(name, () -> {}).join(10_000);
        Management.given()
                .when()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body(LOOPS + ".status", equalTo("UP"))
                .body(LOOPS + ".data.'outbox-relay'", equalTo("alive"));
    }
}
