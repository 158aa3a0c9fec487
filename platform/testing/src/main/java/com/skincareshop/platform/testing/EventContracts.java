package com.skincareshop.platform.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.skincareshop.contracts.events.EventSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What a producer published, held to the event contracts of platform-contracts ({@code events/}): the value
 * validates against its topic's JSON Schema, has the shape of the golden sample of the same kind (the same property
 * names at every level), and the headers validate against the message's entry of the headers schema. A test reads
 * the record from the real broker (with {@link TopicReader}) and hands it here.
 */
public final class EventContracts {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // multipleOf on the digits as sent
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The schemas from the class path, never from the network; formats (date-time, uuid) are asserted. */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(
                            ids -> ids.mapPrefix(EventSchemas.BASE_URI, "classpath:" + EventSchemas.RESOURCE_ROOT))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build()));

    private EventContracts() {}

    /** The value validates against its topic's schema and has the shape of {@code samples/<topic>/<sample>}. */
    public static void assertMatchesSample(String topic, String sample, String value) {
        assertValid(topic, value);
        SortedSet<String> expected = shape(sample(topic, sample));
        SortedSet<String> actual = shape(parse(value));
        if (!actual.equals(expected)) {
            SortedSet<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            SortedSet<String> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            throw new AssertionError("The value on " + topic + " has not the shape of the sample " + sample
                    + ": missing " + missing + ", not in the sample " + extra + ". A new optional property is added as "
                    + "events/README.md says: a new sample that has it, never a changed one.");
        }
    }

    /** The value validates against its topic's schema (for {@code <topic>.dlq}, the dead letters' schema). */
    public static void assertValid(String topic, String value) {
        List<String> violations = violations(topic, value);
        if (!violations.isEmpty()) {
            throw new AssertionError(
                    "The value on " + topic + " breaks " + EventSchemas.valueSchema(topic) + ": " + violations);
        }
    }

    public static List<String> violations(String topic, String value) {
        return messages(schema(EventSchemas.valueSchema(topic)).validate(parse(value)));
    }

    /**
     * The record's headers (each by its last value, as UTF-8 text) validate against the entry of the headers schema
     * named as the message of asyncapi.yaml ({@code productChanged}, {@code profileErased}...).
     */
    public static void assertHeaders(ConsumerRecord<?, ?> record, String message) {
        ObjectNode headers = JSON.createObjectNode();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        List<String> violations =
                messages(schema(EventSchemas.HEADERS + "#/$defs/" + message).validate(headers));
        if (!violations.isEmpty()) {
            throw new AssertionError("The headers of a " + message + " on " + record.topic() + " break "
                    + EventSchemas.HEADERS + ": " + violations + " in " + headers);
        }
    }

    /**
     * The headers of the first example of a message in asyncapi.yaml, as a consumer outside this repository would
     * take them from the document: for feeding a decoder records whose headers our own code did not write.
     */
    public static Map<String, String> exampleHeaders(String message) {
        JsonNode examples = asyncApi().at("/components/messages/" + message + "/examples/0/headers");
        if (!examples.isObject()) {
            throw new IllegalArgumentException("asyncapi.yaml has no example of " + message);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        examples.fields()
                .forEachRemaining(
                        header -> headers.put(header.getKey(), header.getValue().asText()));
        return headers;
    }

    private static JsonNode asyncApi() {
        String path = EventSchemas.RESOURCE_ROOT + EventSchemas.ASYNCAPI;
        try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no " + path + " on the class path");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden sample's bytes, exactly as in the file: what a consumer test feeds its decoder. */
    public static byte[] sampleBytes(String topic, String sample) {
        String path = EventSchemas.RESOURCE_ROOT + EventSchemas.samples(topic) + sample;
        try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + path + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode sample(String topic, String sample) {
        return parse(new String(sampleBytes(topic, sample), StandardCharsets.UTF_8));
    }

    /**
     * The property names at every level, as paths: {@code price.amount}; an array's elements merged under
     * {@code []} ({@code ingredients[].percent} if any ingredient has one). Values and array lengths do not count.
     */
    public static SortedSet<String> shape(JsonNode value) {
        SortedSet<String> paths = new TreeSet<>();
        collect(value, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, SortedSet<String> paths) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                paths.add(child);
                collect(field.getValue(), child, paths);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, path + "[]", paths));
        }
    }

    private static Schema schema(String path) {
        return SCHEMAS.getSchema(SchemaLocation.of(EventSchemas.BASE_URI + path));
    }

    private static JsonNode parse(String value) {
        if (value == null) {
            throw new AssertionError("a tombstone (null value) has no value to check; check its headers");
        }
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
