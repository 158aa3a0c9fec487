package com.skincareshop.catalog.support;

import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.platform.testing.KafkaBrokerResource;
import com.skincareshop.platform.testing.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A catalog-service test against a real Kafka broker (as the service's own principal) and the real PostgreSQL. Every test class uses the same
 * resources, so Quarkus starts once for all of them.
 */
@QuarkusTest
@WithTestResource(
        value = KafkaBrokerResource.class,
        initArgs = @ResourceArg(name = "principal", value = KafkaAccess.CATALOG_SERVICE))
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "service", value = "catalog"))
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CatalogTest {}
