package com.skincareshop.platform.openapi;

import com.skincareshop.contracts.profile.Questionnaire;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The JSON schema of a customer's answers, built from the questionnaire's own data: the same options, limits and
 * required questions that {@code AnswersValidator} enforces, so that the document cannot disagree with the
 * validator. A question asked only after some answers ({@code showIf}) is not required by the schema; its
 * description says when it is. The codes of a choice are a schema of their own, named for one of them ({@code SkinType},
 * {@code Concern}), which the service's other schemas share when they hold the same codes. Pure: unit-tested without
 * Quarkus.
 */
public final class AnswersSchema {

    /** Numbers are answered with at most this many decimals (AnswersValidator). */
    private static final BigDecimal NUMBER_STEP = new BigDecimal("0.01");
    /** What AnswersValidator accepts as an avoided ingredient's name (no ECMA 262 pattern can say "any letter"). */
    static final String INGREDIENT_NAME =
            "An ingredient's name: letters (of any script), digits, spaces and - ( ) / , . ' + & :";
    /** An amount as a decimal string: what every amount of money looks like in this API. */
    public static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?$";

    private AnswersSchema() {}

    /** Adds {@code Answers} and the schemas of its codes to the components, replacing those derived from records. */
    public static void addTo(Components components, Questionnaire questionnaire) {
        Map<String, Schema> codes = new LinkedHashMap<>();
        Schema answers = of(questionnaire, codes);
        codes.forEach((name, schema) -> {
            Schema existing = components.getSchemas() == null
                    ? null
                    : components.getSchemas().get(name);
            if (existing != null
                    && existing.getEnumeration() != null
                    && !Set.copyOf(existing.getEnumeration()).equals(Set.copyOf(schema.getEnumeration()))) {
                throw new IllegalStateException("schema " + name + " has the codes " + existing.getEnumeration()
                        + " elsewhere in the document, but the questionnaire's are " + schema.getEnumeration());
            }
            components.addSchema(name, schema);
        });
        components.addSchema(ApiDocument.ANSWERS, answers);
    }

    static Schema of(Questionnaire questionnaire, Map<String, Schema> codes) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        Schema answers = OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("Answers to questionnaire version " + questionnaire.version() + " (GET /api/questionnaire"
                        + " on profile-service describes each question in en, tl and lv), one field per question. They"
                        + " are validated against the version the request claims; an answer to a question that was not"
                        + " asked is dropped. Health-adjacent personal data: never logged.")
                .additionalPropertiesBoolean(false);
        for (Questionnaire.Question question : questionnaire.questions()) {
            Schema property = property(question, codes);
            String label = question.label() == null ? null : question.label().get("en");
            String asked = question.showIf() == null
                    ? ""
                    : " Asked, and then required, only when "
                            + question.showIf().question() + " is one of "
                            + String.join(", ", question.showIf().in()) + ".";
            property.setDescription((label == null ? "" : label) + asked);
            properties.put(question.id(), property);
            if (question.required() && question.showIf() == null) {
                answers.addRequired(question.id());
            }
        }
        answers.setProperties(properties);
        return answers;
    }

    private static Schema property(Questionnaire.Question question, Map<String, Schema> codes) {
        return switch (question.type()) {
            case SINGLE_CHOICE -> codes(question, question.id(), codes);
            case MULTIPLE_CHOICE, RANKED_CHOICE -> {
                // a list of codes is named for one of them: concerns -> Concern
                String one = question.id().endsWith("s")
                        ? question.id().substring(0, question.id().length() - 1)
                        : question.id();
                Schema list = OASFactory.createSchema()
                        .addType(SchemaType.ARRAY)
                        .items(codes(question, one, codes))
                        .uniqueItems(true);
                list.setMinItems(question.minSelected());
                list.setMaxItems(question.maxSelected());
                yield list;
            }
            case BOOLEAN -> OASFactory.createSchema().addType(SchemaType.BOOLEAN);
            case NUMBER ->
                OASFactory.createSchema()
                        .addType(SchemaType.NUMBER)
                        .minimum(question.min())
                        .maximum(question.max())
                        .multipleOf(NUMBER_STEP);
            case TEXT_LIST -> {
                Schema name = OASFactory.createSchema()
                        .addType(SchemaType.STRING)
                        .minLength(1)
                        .maxLength(question.maxLength() == null ? 100 : question.maxLength())
                        .description(INGREDIENT_NAME);
                Schema list =
                        OASFactory.createSchema().addType(SchemaType.ARRAY).items(name);
                list.setMaxItems(question.maxItems());
                yield list;
            }
            case MONEY ->
                OASFactory.createSchema()
                        .addType(SchemaType.OBJECT)
                        .additionalPropertiesBoolean(false)
                        .required(List.of("amount", "currency"))
                        .properties(Map.of(
                                "amount",
                                        OASFactory.createSchema()
                                                .addType(SchemaType.STRING)
                                                .pattern(DECIMAL)
                                                .description("greater than 0"
                                                        + (question.max() == null
                                                                ? ""
                                                                : " and at most "
                                                                        + question.max()
                                                                                .toPlainString())
                                                        + ", with no more decimals than the currency has")
                                                .examples(List.of("120.00")),
                                "currency",
                                        OASFactory.createSchema()
                                                .addType(SchemaType.STRING)
                                                .enumeration(List.copyOf(
                                                        question.currencies() == null
                                                                ? List.of()
                                                                : question.currencies()))));
        };
    }

    private static Schema codes(Questionnaire.Question question, String name, Map<String, Schema> codes) {
        String schemaName = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        codes.put(
                schemaName,
                OASFactory.createSchema()
                        .addType(SchemaType.STRING)
                        .enumeration(question.optionsOrEmpty().stream()
                                .map(o -> (Object) o.code())
                                .toList()));
        return OASFactory.createSchema().ref(schemaName);
    }
}
