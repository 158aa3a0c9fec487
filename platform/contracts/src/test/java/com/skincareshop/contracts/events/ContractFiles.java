package com.skincareshop.contracts.events;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The contract files as the tests of this module read them: from the class path, as they ship in the jar, with a
 * validator that resolves {@link EventSchemas#BASE_URI} there and never over the network.
 */
final class ContractFiles {

    /** Numbers as written (a tree of BigDecimals, not doubles), and a duplicated key is an error, not the last one. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static final ObjectMapper YAML = new YAMLMapper();

    static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(
                            ids -> ids.mapPrefix(EventSchemas.BASE_URI, "classpath:" + EventSchemas.RESOURCE_ROOT))
                    // formats (date-time, uuid) are assertions here, not only annotations
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build()));

    /** The topics whose values have a schema, dead-letter topics included. */
    static final List<String> TOPICS = List.of(
            Topics.CATALOG_PRODUCTS,
            Topics.PROFILES_SKIN,
            Topics.RECOMMENDATIONS_ISSUED,
            Topics.deadLetterOf(Topics.CATALOG_PRODUCTS),
            Topics.deadLetterOf(Topics.PROFILES_SKIN));

    private ContractFiles() {}

    static Schema schema(String path) {
        return SCHEMAS.getSchema(SchemaLocation.of(EventSchemas.BASE_URI + path));
    }

    static List<Error> validate(String schemaPath, JsonNode value) {
        return schema(schemaPath).validate(value);
    }

    /** A file under {@link EventSchemas#RESOURCE_ROOT}, JSON or YAML by its name. */
    static JsonNode read(String path) {
        try (InputStream in =
                ContractFiles.class.getClassLoader().getResourceAsStream(EventSchemas.RESOURCE_ROOT + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + EventSchemas.RESOURCE_ROOT + path + " on the class path");
            }
            return (path.endsWith(".yaml") ? YAML : JSON).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document a URI under {@link EventSchemas#BASE_URI} names, or null when there is none (a reference to
     * anything else, on the network included, resolves to nothing).
     */
    static JsonNode load(URI uri) {
        String text = uri.toString();
        if (!text.startsWith(EventSchemas.BASE_URI)
                || ContractFiles.class
                                .getClassLoader()
                                .getResource(
                                        EventSchemas.RESOURCE_ROOT + text.substring(EventSchemas.BASE_URI.length()))
                        == null) {
            return null;
        }
        return read(text.substring(EventSchemas.BASE_URI.length()));
    }

    /** The folder under {@link EventSchemas#RESOURCE_ROOT} (in target/classes: this module's own resources). */
    static Path folder(String path) {
        URL url = ContractFiles.class.getClassLoader().getResource(EventSchemas.RESOURCE_ROOT + path);
        if (url == null) {
            throw new IllegalArgumentException("no folder " + path);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the files in a folder, sorted. */
    static List<String> files(String path) {
        try (Stream<Path> files = Files.list(folder(path))) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> samples(String topic) {
        return files(EventSchemas.samples(topic)).stream()
                .filter(name -> name.endsWith(".json"))
                .toList();
    }

    static JsonNode sample(String topic, String name) {
        return read(EventSchemas.samples(topic) + name);
    }
}
