package com.skincareshop.platform.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native queries, whose Java type depends on the JDBC driver and Hibernate's version. */
public final class JdbcValues {

    private JdbcValues() {}

    /** A {@code timestamptz} column as an instant; null stays null. */
    public static Instant instant(Object timestamp) {
        if (timestamp == null || timestamp instanceof Instant) {
            return (Instant) timestamp;
        }
        if (timestamp instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime.toInstant();
        }
        return ((Timestamp) timestamp).toInstant();
    }
}
