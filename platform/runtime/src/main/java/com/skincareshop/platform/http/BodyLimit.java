package com.skincareshop.platform.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an endpoint's body parameter, names the limit on that body: the size in configuration property
 * {@code skincare.http.body-limit.<value>} (16K, 16M...). A body without it is held to
 * {@code skincare.http.body-limit.default}. {@link BodyLimitInterceptor} applies it as the body is read.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface BodyLimit {

    /** The endpoint's name in {@code skincare.http.body-limit.<name>}. */
    String value();
}
