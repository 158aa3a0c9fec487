package com.skincareshop.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The images the smoke test runs. Each third-party image is a setting (a system property or environment variable of
 * the same name); unset, a local substitute is used when the engine has it (a machine without a registry builds
 * them, tagged {@code localhost/skincare-*:local}), else the official image, pulled as on any machine with a
 * registry. The service images are built here from their Dockerfile and packaged {@code target/quarkus-app}.
 */
final class Images {

    /** The Dockerfiles' own default base, for an engine that can pull it. */
    static final String UBI_JRE = "registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23";

    static final String LOCAL_JRE = "localhost/skincare-jre:local";
    /** What a machine without a registry has to build a JRE image from. */
    static final String LOCAL_BASE = "localhost/skincare-base:local";

    /** Unique per run, so that runs by several people on one engine never share or remove each other's images. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private Images() {}

    static String postgres() {
        return setting("SKINCARE_POSTGRES_IMAGE", "localhost/skincare-postgres:local", "postgres:15");
    }

    static String kafka() {
        return setting("SKINCARE_KAFKA_IMAGE", "localhost/skincare-kafka:local", "apache/kafka:4.1.2");
    }

    /** The JRE base named by SKINCARE_JRE_IMAGE, the local one, or none (null): build one, or use the default. */
    static String configuredJre() {
        String configured = configured("SKINCARE_JRE_IMAGE");
        if (configured != null) {
            return configured;
        }
        return present(LOCAL_JRE) ? LOCAL_JRE : null;
    }

    /**
     * A JRE image built from the local base (Debian with a Java 17 runtime), for a machine that has the base but not
     * yet the JRE image; labelled, so that it is an image of its own that can be removed without touching the base.
     */
    static ImageFromDockerfile jreFromLocalBase() {
        return new ImageFromDockerfile("localhost/container-smoke-test/jre:" + RUN, false)
                .withDockerfileFromBuilder(dockerfile -> dockerfile
                        .from(LOCAL_BASE)
                        .label("org.opencontainers.image.description", "Java 17 runtime for the container smoke test")
                        .build());
    }

    /**
     * The service's image from its own Dockerfile, on the given base. The build context is what the service's
     * .dockerignore lets through, target/quarkus-app, with the Dockerfile at its root.
     */
    static ImageFromDockerfile service(Path serviceDirectory, String jreImage) {
        Path quarkusApp = serviceDirectory.resolve("target/quarkus-app");
        if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(quarkusApp + " is missing: package the service first (./mvnw package -pl "
                    + serviceDirectory.getFileName() + " -am)");
        }
        String name = serviceDirectory.getFileName().toString().toLowerCase(Locale.ROOT);
        ImageFromDockerfile image = new ImageFromDockerfile("localhost/container-smoke-test/" + name + ":" + RUN, false)
                .withFileFromPath("Dockerfile", serviceDirectory.resolve("src/main/docker/Dockerfile.jvm"))
                .withFileFromPath("target/quarkus-app", quarkusApp);
        return jreImage == null ? image : image.withBuildArg("BASE_IMAGE", jreImage);
    }

    static boolean present(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Removes an image this run built (by its unique name), if it is there. */
    static void remove(String image) {
        DockerClient client = DockerClientFactory.instance().client();
        try {
            client.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // never built, or already gone
        }
    }

    private static String setting(String name, String localSubstitute, String official) {
        String configured = configured(name);
        if (configured != null) {
            return configured;
        }
        return present(localSubstitute) ? localSubstitute : official;
    }

    private static String configured(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value.trim();
    }
}
