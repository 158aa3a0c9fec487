package com.skincareshop.containers;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker-API engine (Docker, or Podman's Docker-compatible service) is reachable. Without one the smoke
 * test is skipped, and says so on the console and in the report, so that a skip is never mistaken for a pass.
 */
final class ContainerEngine {

    private ContainerEngine() {}

    static void assumeReachable() {
        boolean reachable;
        try {
            reachable = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            reachable = false;
        }
        if (!reachable) {
            String message = "container-smoke-test SKIPPED: no container engine is reachable, so the service images "
                    + "were neither built nor run. Point DOCKER_HOST at a Docker or Podman socket (for a rootful "
                    + "Podman: DOCKER_HOST=unix:///run/podman/podman.sock TESTCONTAINERS_RYUK_DISABLED=true) to run it.";
            String line = "*".repeat(100);
            System.err.println(line);
            System.err.println(message);
            System.err.println(line);
            Assumptions.abort(message);
        }
    }
}
