package com.skincareshop.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries a trace from a request or a consumed record through the outbox and Kafka: the W3C trace context
 * ({@value #TRACEPARENT}, {@value #TRACESTATE}) is stored with an outbox row, becomes the parent of the relay's
 * PRODUCER span, travels in the record's headers, and is the parent of the consumer's CONSUMER span.
 *
 * <p>Uses the extension's {@link OpenTelemetry} (its tracer and propagators): with the SDK disabled every span is a
 * no-op and nothing is stored or sent. Only the two W3C fields cross a boundary; baggage, which a client may fill
 * with anything, does not. Span attributes are coordinates only (topic, partition, offset, event type, outbox id):
 * never a value, which may hold a customer's answers.
 */
@ApplicationScoped
public class MessageTracing {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final Set<String> FIELDS = Set.of(TRACEPARENT, TRACESTATE);

    static final String SYSTEM = "messaging.system";
    static final String DESTINATION = "messaging.destination.name";
    static final String PARTITION = "messaging.destination.partition.id";
    static final String OFFSET = "messaging.kafka.offset";
    static final String OPERATION = "messaging.operation.type";
    static final String MESSAGE_ID = "messaging.message.id";
    static final String EVENT_TYPE = "cloudevents.event_type";

    /** The W3C fields of a trace context, as an outbox row keeps them; both null outside a trace. */
    public record StoredContext(String traceparent, String tracestate) {
        public static final StoredContext NONE = new StoredContext(null, null);
    }

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public MessageTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("com.skincareshop.platform");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The current span's context (an HTTP request's, a consumed record's), for an outbox row. */
    public StoredContext current() {
        Map<String, String> fields = new HashMap<>();
        propagator.inject(Context.current(), fields, W3C_ONLY);
        return fields.containsKey(TRACEPARENT)
                ? new StoredContext(fields.get(TRACEPARENT), fields.get(TRACESTATE))
                : StoredContext.NONE;
    }

    /**
     * A PRODUCER span for publishing an outbox row, child of the context stored with it; {@link Span#getInvalid()}
     * when the row was written outside a trace (it is then sent without trace headers).
     */
    public Span startPublish(StoredContext stored, String topic, UUID outboxId, String eventType) {
        if (stored.traceparent() == null) {
            return Span.getInvalid();
        }
        Map<String, String> fields = new HashMap<>();
        fields.put(TRACEPARENT, stored.traceparent());
        if (stored.tracestate() != null) {
            fields.put(TRACESTATE, stored.tracestate());
        }
        Context parent = propagator.extract(Context.root(), fields, MAP);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder("send " + topic)
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "send")
                .setAttribute(DESTINATION, topic)
                .setAttribute(MESSAGE_ID, outboxId.toString())
                .setAttribute(EVENT_TYPE, eventType)
                .startSpan();
    }

    /** Writes the span's context as the record's {@value #TRACEPARENT} (and {@value #TRACESTATE}) headers. */
    public void inject(Span span, Headers headers) {
        if (span.getSpanContext().isValid()) {
            propagator.inject(Context.root().with(span), headers, HEADERS);
        }
    }

    /** Ends a PRODUCER span with where the record landed. */
    public static void published(Span span, RecordMetadata metadata) {
        span.setAttribute(PARTITION, String.valueOf(metadata.partition()));
        span.setAttribute(OFFSET, metadata.offset());
        span.end();
    }

    /** Ends a PRODUCER span whose record was not acknowledged: the exception's class only, never its message. */
    public static void failed(Span span, Throwable failure) {
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        span.end();
    }

    /**
     * A CONSUMER span for processing a record, child of the context in its headers (a new trace when it has none).
     * The caller makes it current while the record's effects are written, so that an outbox row written then
     * carries the same trace, and ends it once the offsets are committed.
     */
    public Span startProcess(ConsumerRecord<?, ?> record, String eventType) {
        Context parent = propagator.extract(Context.root(), record.headers(), HEADERS_GETTER);
        var builder = tracer.spanBuilder("process " + record.topic())
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "process")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(PARTITION, String.valueOf(record.partition()))
                .setAttribute(OFFSET, record.offset());
        if (eventType != null) {
            builder.setAttribute(EVENT_TYPE, eventType);
        }
        return builder.startSpan();
    }

    /** Runs {@code work} with {@code trace} current (an outbox row written then carries it); as it is when null. */
    public static void within(Context trace, Runnable work) {
        if (trace == null) {
            work.run();
            return;
        }
        try (Scope ignored = trace.makeCurrent()) {
            work.run();
        }
    }

    /** Ends CONSUMER spans of records whose processing failed and will be retried. */
    public static void failed(List<Span> spans, Throwable failure) {
        spans.forEach(span -> failed(span, failure));
    }

    private static final TextMapSetter<Map<String, String>> W3C_ONLY = (fields, key, value) -> {
        if (fields != null && FIELDS.contains(key)) {
            fields.put(key, value);
        }
    };

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> fields) {
            return fields.keySet();
        }

        @Override
        public String get(Map<String, String> fields, String key) {
            return fields == null ? null : fields.get(key);
        }
    };

    private static final TextMapSetter<Headers> HEADERS = (headers, key, value) -> {
        if (headers != null && FIELDS.contains(key)) {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private static final TextMapGetter<Headers> HEADERS_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return FIELDS;
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null || !FIELDS.contains(key)) {
                return null;
            }
            Header header = headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
}
