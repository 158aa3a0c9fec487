package com.skincareshop.recommendation.support;

import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
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
 * A recommendation-service test against a real Kafka broker (as the service's own principal) and the real PostgreSQL. Every test class uses the same
 * resources, so Quarkus starts once for all of them.
 */
@QuarkusTest
@WithTestResource(
        value = KafkaBrokerResource.class,
        initArgs = {
            @ResourceArg(name = "principal", value = KafkaAccess.RECOMMENDATION_SERVICE),
            // the producers' topics, which their services would have created and this one may not
            @ResourceArg(name = "topics", value = RecommendationTest.PRODUCERS_TOPICS)
        })
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "service", value = "recommendation"))
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RecommendationTest {

    /** For KafkaBrokerResource: catalog.products.v1 and profiles.skin.v1 as their owners create them. */
    String PRODUCERS_TOPICS = Topics.CATALOG_PRODUCTS + ":6:compact," + Topics.PROFILES_SKIN + ":6:compact";
}
