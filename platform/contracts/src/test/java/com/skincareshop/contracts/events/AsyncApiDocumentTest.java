package com.skincareshop.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** asyncapi.yaml: it parses, names every topic, and every reference in it (and in the schemas it names) resolves. */
class AsyncApiDocumentTest {

    private static final URI DOCUMENT = URI.create(EventSchemas.BASE_URI + EventSchemas.ASYNCAPI);
    private final JsonNode asyncApi = ContractFiles.read(EventSchemas.ASYNCAPI);

    @Test
    void itIsAnAsyncApi3DocumentWithAChannelPerTopic() {
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(asyncApi.at("/info/title").asText()).isNotBlank();
        assertThat(asyncApi.at("/info/version").asText()).isNotBlank();
        List<String> addresses = new ArrayList<>();
        asyncApi.get("channels").forEach(channel -> {
            addresses.add(channel.get("address").asText());
            assertThat(channel.at("/bindings/kafka/topic").asText())
                    .isEqualTo(channel.get("address").asText());
        });
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(ContractFiles.TOPICS);
    }

    @Test
    void everyReferenceResolvesAndEverySchemaIsReferenced() {
        References.Result result = References.follow(DOCUMENT, ContractFiles::load);
        assertThat(result.broken()).isEmpty();
        Set<URI> schemas = new HashSet<>();
        ContractFiles.files("schemas")
                .forEach(file -> schemas.add(URI.create(EventSchemas.BASE_URI + "schemas/" + file)));
        assertThat(result.documents())
                .as("every schema file is part of the contract")
                .containsAll(schemas);
    }

    /** The check above can fail: a reference to a missing file, and one to a missing node, are both reported. */
    @Test
    void aBrokenReferenceIsReported() {
        JsonNode broken = ContractFiles.YAML
                .createObjectNode()
                .set(
                        "channels",
                        ContractFiles.YAML
                                .createObjectNode()
                                .set(
                                        "a",
                                        ContractFiles.YAML
                                                .createObjectNode()
                                                .put("$ref", "./schemas/no-such.schema.json")))
                .deepCopy();
        ((ObjectNode) broken).putObject("b").put("$ref", "#/components/messages/none");
        ((ObjectNode) broken).putObject("c").put("$ref", "./schemas/vocabulary.v1.schema.json#/$defs/none");
        URI start = URI.create(EventSchemas.BASE_URI + "broken.yaml");
        References.Result result =
                References.follow(start, uri -> uri.equals(start) ? broken : ContractFiles.load(uri));
        assertThat(result.broken()).hasSize(3);
    }

    /**
     * Each message: its payload is the schema of its channel's topic (a tombstone has none), its headers are the
     * entry of the headers schema named as the message, and each example's headers validate against them.
     */
    @Test
    void everyMessageNamesItsSchemasAndItsExamplesHold() {
        Map<String, String> topicOfMessage = new HashMap<>();
        asyncApi.get("channels")
                .forEach(channel -> channel.get("messages")
                        .forEach(ref -> topicOfMessage.put(
                                ref.get("$ref").asText().substring("#/components/messages/".length()),
                                channel.get("address").asText())));
        JsonNode messages = asyncApi.at("/components/messages");
        assertThat(topicOfMessage.keySet()).containsExactlyInAnyOrderElementsOf(iterable(messages.fieldNames()));

        messages.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode message = entry.getValue();
            String topic = topicOfMessage.get(name);
            assertThat(message.at("/headers/schema/$ref").asText())
                    .as(name)
                    .isEqualTo("./" + EventSchemas.HEADERS + "#/$defs/" + name);
            if (message.at("/payload/type").asText().equals("null")) {
                assertThat(name).as("a tombstone").matches(".*(Erased|Withdrawn)");
            } else {
                assertThat(message.at("/payload/schemaFormat").asText())
                        .isEqualTo("application/schema+json;version=draft-2020-12");
                assertThat(message.at("/payload/schema/$ref").asText())
                        .as(name)
                        .isEqualTo("./" + EventSchemas.valueSchema(topic));
            }
            assertThat(message.get("examples")).as(name + " examples").isNotEmpty();
            for (JsonNode example : message.get("examples")) {
                List<Error> errors = ContractFiles.SCHEMAS
                        .getSchema(SchemaLocation.of(EventSchemas.BASE_URI + EventSchemas.HEADERS + "#/$defs/" + name))
                        .validate(example.get("headers"));
                assertThat(errors)
                        .as(name + " example " + example.path("name").asText())
                        .isEmpty();
            }
        });
    }

    /** Every channel has its producer, and each topic read by a service or the marketing pipeline says so. */
    @Test
    void everyOperationIsOnAChannelOfThisDocumentWithThatChannelsMessages() {
        Map<String, Set<String>> actions = new HashMap<>();
        asyncApi.get("operations").fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            String channelRef = operation.at("/channel/$ref").asText();
            assertThat(channelRef).as(entry.getKey()).startsWith("#/channels/");
            JsonNode channel = asyncApi.at(channelRef.substring(1));
            assertThat(channel.isMissingNode()).as(entry.getKey() + " channel").isFalse();
            assertThat(operation.get("action").asText()).isIn("send", "receive");
            for (JsonNode message : operation.get("messages")) {
                assertThat(message.get("$ref").asText()).as(entry.getKey()).startsWith(channelRef + "/messages/");
                assertThat(asyncApi.at(message.get("$ref").asText().substring(1))
                                .isMissingNode())
                        .isFalse();
            }
            assertThat(operation.at("/tags/0/name").asText())
                    .as(entry.getKey() + ": who")
                    .isNotBlank();
            actions.computeIfAbsent(channel.get("address").asText(), a -> new HashSet<>())
                    .add(operation.get("action").asText());
        });
        ContractFiles.TOPICS.forEach(
                topic -> assertThat(actions.get(topic)).as(topic).contains("send"));
        List.of(Topics.CATALOG_PRODUCTS, Topics.PROFILES_SKIN, Topics.RECOMMENDATIONS_ISSUED)
                .forEach(topic -> assertThat(actions.get(topic)).as(topic).contains("receive"));
    }

    private static <T> List<T> iterable(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
