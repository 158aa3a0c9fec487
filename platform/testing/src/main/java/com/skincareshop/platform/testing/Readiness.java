package com.skincareshop.platform.testing;

import java.time.Duration;
import org.awaitility.Awaitility;

/** Waits until the service under test reports ready: its database, broker and topics (and tables) are there. */
public final class Readiness {

    private Readiness() {}

    public static void await() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> Management.given().when().get("/q/health/ready").statusCode() == 200);
    }
}
