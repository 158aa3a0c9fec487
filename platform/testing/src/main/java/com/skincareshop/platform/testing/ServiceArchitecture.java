package com.skincareshop.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape every service keeps, as ArchUnit rules its {@code ArchitectureTest} checks: {@code api → domain ←
 * events}. The domain holds the use cases and knows neither HTTP nor Kafka; {@code api} (HTTP resources) and
 * {@code events} (consumers and the event mapping) are adapters on either side that never call each other. A pure
 * {@code engine} package, where a service has one, imports no framework, so it stays testable without Quarkus.
 */
public final class ServiceArchitecture {

    /**
     * Framework packages the pure logic must not touch. Jackson's annotations are allowed: they describe how a record
     * is written, they do not run anything.
     */
    private static final String[] FRAMEWORKS = {
        "io.quarkus..",
        "jakarta..",
        "javax..",
        "org.hibernate..",
        "org.eclipse.microprofile..",
        "io.smallrye..",
        "io.vertx..",
        "org.apache.kafka..",
        "io.micrometer..",
        "io.opentelemetry..",
        "org.jboss..",
        "org.flywaydb..",
        "com.fasterxml.jackson.databind..",
        "com.skincareshop.platform.."
    };

    private ServiceArchitecture() {}

    /** {@code api → domain ← events}: the arrows never point back, and the two adapters never meet. */
    public static ArchRule layers(String servicePackage) {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("api")
                .definedBy(servicePackage + ".api..")
                .layer("domain")
                .definedBy(servicePackage + ".domain..")
                .layer("events")
                .definedBy(servicePackage + ".events..")
                .whereLayer("api")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("events")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("domain")
                .mayOnlyBeAccessedByLayers("api", "events")
                .because("the domain is the service's use cases; HTTP and Kafka are adapters around it");
    }

    /** The engine is pure logic: no framework, and nothing of the service around it. */
    public static ArchRule pureEngine(String servicePackage) {
        String engine = servicePackage + ".engine..";
        return noClasses()
                .that()
                .resideInAPackage(engine)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORKS)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        servicePackage + ".api..", servicePackage + ".domain..", servicePackage + ".events..")
                .because("the engine is tested and benchmarked without Quarkus, a database or a broker");
    }
}
