package com.skincareshop.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: the attributes travel as {@code ce_} headers. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /**
     * Extension attribute of a tombstone: the aggregate version the erasure took (versions keep growing across
     * erasure). A decimal integer.
     */
    public static final String AGGREGATE_VERSION = "ce_aggregateversion";

    private CloudEventHeaders() {}

    public static void write(
            Headers headers, UUID id, String type, String source, String subject, Instant time, boolean hasData) {
        put(headers, ID, id.toString());
        put(headers, SPEC_VERSION, "1.0");
        put(headers, TYPE, type);
        put(headers, SOURCE, source);
        put(headers, SUBJECT, subject);
        put(headers, TIME, time.toString());
        if (hasData) {
            put(headers, CONTENT_TYPE, "application/json");
        }
    }

    public static void writeAggregateVersion(Headers headers, long version) {
        put(headers, AGGREGATE_VERSION, Long.toString(version));
    }

    /** The tombstone's {@link #AGGREGATE_VERSION}; empty when absent (an older producer). */
    public static OptionalLong readAggregateVersion(Headers headers) {
        Optional<String> value = read(headers, AGGREGATE_VERSION);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long version = Long.parseLong(value.get());
            return version > 0 ? OptionalLong.of(version) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public static Optional<String> read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
