package com.skincareshop.contracts.events;

import static com.skincareshop.contracts.events.ContractFiles.read;
import static com.skincareshop.contracts.events.ContractFiles.sample;
import static com.skincareshop.contracts.events.ContractFiles.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.skincareshop.contracts.profile.CustomerIds;
import com.skincareshop.contracts.recommendation.RoutineIssued;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.contracts.vocabulary.ProductFormat;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SizeUnit;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.contracts.vocabulary.Texture;
import com.skincareshop.contracts.vocabulary.TimeOfDay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The value schemas and their golden samples. Samples are never deleted or edited, only added: every sample that
 * ever described real traffic validates against the schema of today, so a schema change that would refuse an old
 * message fails here (events/README.md, compatibility).
 */
class EventSchemasTest {

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    static Stream<Arguments> samples() {
        return ContractFiles.TOPICS.stream()
                .flatMap(topic -> ContractFiles.samples(topic).stream().map(name -> Arguments.of(topic, name)));
    }

    static Stream<String> schemaFiles() {
        return ContractFiles.files("schemas").stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("samples")
    void everySampleValidatesAgainstItsTopicsSchema(String topic, String name) {
        assertThat(validate(EventSchemas.valueSchema(topic), sample(topic, name)))
                .isEmpty();
    }

    @Test
    void everyTopicHasSamplesAndNothingElseDoes() {
        assertThat(ContractFiles.TOPICS)
                .allSatisfy(topic ->
                        assertThat(ContractFiles.samples(topic)).as(topic).isNotEmpty());
        List<String> folders = new ArrayList<>();
        try (Stream<Path> paths = Files.list(ContractFiles.folder("samples"))) {
            paths.forEach(path -> folders.add(path.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(folders)
                .as("a folder per topic, named as the topic")
                .containsExactlyInAnyOrderElementsOf(ContractFiles.TOPICS);
        assertThat(ContractFiles.TOPICS.stream()
                        .map(EventSchemas::valueSchema)
                        .distinct()
                        .map(path -> path.substring("schemas/".length())))
                .as("a value schema per topic (dead-letter topics share one)")
                .allSatisfy(file -> assertThat(ContractFiles.files("schemas")).contains(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void everySchemaIsADraft202012SchemaWithItsOwnId(String file) {
        JsonNode schema = read("schemas/" + file);
        assertThat(schema.path("$schema").asText()).isEqualTo(META_SCHEMA);
        assertThat(schema.path("$id").asText()).isEqualTo(EventSchemas.BASE_URI + "schemas/" + file);
        List<Error> errors =
                ContractFiles.SCHEMAS.getSchema(SchemaLocation.of(META_SCHEMA)).validate(schema);
        assertThat(errors).as("against the draft 2020-12 meta-schema").isEmpty();
        References.Result refs =
                References.follow(URI.create(EventSchemas.BASE_URI + "schemas/" + file), ContractFiles::load);
        assertThat(refs.broken()).as("every $ref resolves").isEmpty();
    }

    @Test
    void theMetaSchemaCheckCanFail() {
        ObjectNode schema = ContractFiles.JSON
                .createObjectNode()
                .put("$schema", META_SCHEMA)
                .put("type", "text");
        schema.putObject("properties").put("sku", 7);
        assertThat(ContractFiles.SCHEMAS
                        .getSchema(SchemaLocation.of(META_SCHEMA))
                        .validate(schema))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    /** A field of no type, or with its type unchecked, would let anything pass: each leaf refuses an object. */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("samples")
    void everyFieldOfEverySampleIsChecked(String topic, String name) {
        JsonNode original = sample(topic, name);
        String schema = EventSchemas.valueSchema(topic);
        List<String> unchecked = new ArrayList<>();
        for (String pointer : leaves(original, "")) {
            JsonNode broken = original.deepCopy();
            replace(broken, pointer, JsonNodeFactory.instance.objectNode().put("unexpected", true));
            if (validate(schema, broken).isEmpty()) {
                unchecked.add(pointer);
            }
        }
        assertThat(unchecked).as("fields whose value may be anything").isEmpty();
    }

    /** The schemas say what producers emit: a property they do not emit fails at any level, and so does a required one missing. */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("samples")
    void anUnknownOrMissingPropertyFailsAtEveryLevel(String topic, String name) {
        JsonNode original = sample(topic, name);
        String schema = EventSchemas.valueSchema(topic);
        List<String> passed = new ArrayList<>();
        for (String pointer : objects(original, "")) {
            JsonNode withUnknown = original.deepCopy();
            ((ObjectNode) withUnknown.at(pointer)).put("addedByNobody", "x");
            if (validate(schema, withUnknown).isEmpty()) {
                passed.add("unknown property at '" + pointer + "'");
            }
        }
        for (JsonNode required : read(schema).get("required")) {
            String field = required.asText();
            assertThat(original.has(field))
                    .as(name + " has the required " + field)
                    .isTrue();
            JsonNode without = original.deepCopy();
            ((ObjectNode) without).remove(field);
            if (validate(schema, without).isEmpty()) {
                passed.add("without " + field);
            }
        }
        assertThat(passed).as("broken copies that still validated").isEmpty();
    }

    /** The mistakes a producer is likeliest to make, each of which a consumer would trip on. */
    @Test
    void brokenCopiesOfTheSamplesFail() {
        String products = Topics.CATALOG_PRODUCTS;
        String profiles = Topics.PROFILES_SKIN;
        String routines = Topics.RECOMMENDATIONS_ISSUED;
        Map<String, Runnable> cases = new LinkedHashMap<>();
        cases.put("price as a JSON number", () -> fails(products, "serum.json", p -> price(p).put("amount", 39.9)));
        cases.put("price with one decimal", () -> fails(products, "serum.json", p -> price(p).put("amount", "39.9")));
        cases.put("lower-case sku", () -> fails(products, "serum.json", p -> p.put("sku", "ser-vitc15-30")));
        cases.put(
                "unknown concern code",
                () -> fails(products, "serum.json", p -> ((ArrayNode) p.get("concerns")).add("WRINKLES")));
        cases.put(
                "a concern twice",
                () -> fails(products, "serum.json", p -> ((ArrayNode) p.get("concerns")).add("DULLNESS")));
        cases.put("SPF on a serum", () -> fails(products, "serum.json", p -> p.put("spf", 30)));
        cases.put(
                "a sunscreen without SPF", () -> fails(products, "sunscreen-english-only.json", p -> p.remove("spf")));
        cases.put("version 0", () -> fails(products, "serum.json", p -> p.put("version", 0)));
        cases.put(
                "a time with an offset",
                () -> fails(products, "serum.json", p -> p.put("updatedAt", "2026-11-28T11:41:17+02:00")));
        cases.put(
                "an impossible date",
                () -> fails(products, "serum.json", p -> p.put("updatedAt", "2026-02-30T09:41:17Z")));
        cases.put(
                "names without English",
                () -> fails(products, "serum.json", p -> ((ObjectNode) p.get("names")).remove("en")));
        cases.put(
                "a name in an unknown locale",
                () -> fails(products, "serum.json", p -> ((ObjectNode) p.get("names")).put("de", "Serum")));
        cases.put(
                "a size of three decimals",
                () -> fails(
                        products,
                        "serum.json",
                        p -> ((ObjectNode) p.get("size")).put("amount", new BigDecimal("30.005"))));
        cases.put("no ingredients", () -> fails(products, "serum.json", p -> p.putArray("ingredients")));
        cases.put(
                "a customer id with a space",
                () -> fails(profiles, "every-answer.json", p -> p.put("customerId", "c 42")));
        cases.put(
                "pregnancy answered true from 55",
                () -> fails(
                        profiles,
                        "no-optional-answers.json",
                        p -> ((ObjectNode) p.get("answers")).put("pregnantOrBreastfeeding", true)));
        cases.put(
                "six concerns",
                () -> fails(
                        profiles,
                        "every-answer.json",
                        p -> ((ObjectNode) p.get("answers"))
                                .putArray("concerns")
                                .add("FIRMNESS")
                                .add("FINE_LINES")
                                .add("DULLNESS")
                                .add("DARK_SPOTS")
                                .add("ACNE_SCARS")
                                .add("DEHYDRATION")));
        cases.put(
                "25 hours in the sun",
                () -> fails(
                        profiles,
                        "every-answer.json",
                        p -> ((ObjectNode) p.get("answers")).put("sunExposureHours", 25)));
        cases.put(
                "age band by enum name",
                () -> fails(
                        profiles,
                        "every-answer.json",
                        p -> ((ObjectNode) p.get("answers")).put("ageBand", "AGE_35_44")));
        cases.put("an unsupported locale", () -> fails(profiles, "every-answer.json", p -> p.put("locale", "de")));
        cases.put(
                "a step in the afternoon",
                () -> fails(
                        routines,
                        "routine.json",
                        p -> ((ObjectNode) p.get("steps").get(0)).put("time", "ANY")));
        cases.put(
                "a step of no slot",
                () -> fails(
                        routines,
                        "routine.json",
                        p -> ((ObjectNode) p.get("steps").get(0)).put("slot", "TONER")));
        cases.put(
                "a reason code for marketing",
                () -> fails(
                        routines,
                        "routine.json",
                        p -> ((ObjectNode) p.get("steps").get(0))
                                .putArray("reasons")
                                .add("PREGNANCY_SAFE")));
        cases.put(
                "a cause that is an answer",
                () -> fails(routines, "routine-reissued.json", p -> p.put("cause", "PREGNANCY")));
        cases.put("a revision of zero", () -> fails(routines, "routine-reissued.json", p -> p.put("revision", 0)));
        cases.put("a revision as text", () -> fails(routines, "routine-revised.json", p -> p.put("revision", "41")));
        cases.put(
                "a negative size of value",
                () -> fails(Topics.deadLetterOf(profiles), "invalid-answers.json", p -> p.put("valueBytes", -1)));
        cases.put(
                "the value copied into the dead letter",
                () -> fails(
                        Topics.deadLetterOf(profiles),
                        "invalid-answers.json",
                        p -> p.put("value", "{\"answers\":{}}")));
        cases.forEach((name, check) -> {
            try {
                check.run();
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        });
    }

    /** Each code list of the schemas is the Java enum's: a new code is a deliberate change of the contract. */
    @Test
    void theCodesAreTheJavaEnumsConstants() {
        JsonNode defs = read(EventSchemas.VOCABULARY).get("$defs");
        Map<String, List<String>> codes = Map.ofEntries(
                Map.entry("category", names(Category.values())),
                Map.entry("concern", names(Concern.values())),
                Map.entry("skinType", names(SkinType.values())),
                Map.entry("area", names(Area.values())),
                Map.entry("timeOfDay", names(TimeOfDay.values())),
                Map.entry("productFormat", names(ProductFormat.values())),
                Map.entry("texture", names(Texture.values())),
                Map.entry("sizeUnit", names(SizeUnit.values())),
                Map.entry("productStatus", names(ProductStatus.values())),
                Map.entry("active", names(Active.values())),
                Map.entry(
                        "ageBand",
                        Arrays.stream(AgeBand.values()).map(AgeBand::code).toList()),
                Map.entry("locale", Locales.SUPPORTED));
        codes.forEach((def, expected) ->
                assertThat(strings(defs.get(def).get("enum"))).as(def).isEqualTo(expected));
        assertThat(defs.get("customerId").get("pattern").asText()).isEqualTo(CustomerIds.PATTERN);
        assertThat(strings(read(EventSchemas.valueSchema(Topics.RECOMMENDATIONS_ISSUED))
                        .get("properties")
                        .get("cause")
                        .get("enum")))
                .as("cause")
                .isEqualTo(names(RoutineIssued.Cause.values()));

        JsonNode headers = read(EventSchemas.HEADERS).get("$defs");
        assertThat(Map.of(
                        "productChanged",
                        EventTypes.PRODUCT_CHANGED,
                        "profileChanged",
                        EventTypes.PROFILE_CHANGED,
                        "profileErased",
                        EventTypes.PROFILE_ERASED,
                        "routineIssued",
                        EventTypes.ROUTINE_ISSUED,
                        "routineWithdrawn",
                        EventTypes.ROUTINE_WITHDRAWN))
                .allSatisfy((def, type) -> assertThat(headers.at("/" + def + "/properties/ce_type/const")
                                .asText())
                        .as(def)
                        .isEqualTo(type));
    }

    private static void fails(String topic, String name, Consumer<ObjectNode> breakIt) {
        ObjectNode copy = sample(topic, name).deepCopy();
        assertThat(validate(EventSchemas.valueSchema(topic), copy))
                .as("a valid sample to start from")
                .isEmpty();
        breakIt.accept(copy);
        assertThat(validate(EventSchemas.valueSchema(topic), copy))
                .as("errors of the broken copy")
                .isNotEmpty();
    }

    private static ObjectNode price(ObjectNode product) {
        return (ObjectNode) product.get("price");
    }

    /** JSON pointers to every value that is neither an object nor an array. */
    private static List<String> leaves(JsonNode node, String pointer) {
        List<String> leaves = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> leaves.addAll(leaves(f.getValue(), pointer + "/" + f.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves.addAll(leaves(node.get(i), pointer + "/" + i));
            }
        } else {
            leaves.add(pointer);
        }
        return leaves;
    }

    /** JSON pointers to every object, the root ("") included. */
    private static List<String> objects(JsonNode node, String pointer) {
        List<String> objects = new ArrayList<>();
        if (node.isObject()) {
            objects.add(pointer);
            node.fields().forEachRemaining(f -> objects.addAll(objects(f.getValue(), pointer + "/" + f.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                objects.addAll(objects(node.get(i), pointer + "/" + i));
            }
        }
        return objects;
    }

    private static void replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asText()));
        return strings;
    }
}
