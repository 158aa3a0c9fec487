package com.skincareshop.platform.openapi;

import com.skincareshop.contracts.profile.Questionnaire;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema of a customer's answers, built from the questionnaire's own data: the same options, limits and
 * required questions that {@code AnswersValidator} enforces, so that the document cannot disagree with the
 * validator. A question asked only after some answers ({@code showIf}) is not required by the schema; its
 * description says when it is. Pure: unit-tested without Quarkus.
 */
public final class AnswersSchema {

    /** Numbers are answered with at most this many decimals (AnswersValidator). */
    private static final BigDecimal NUMBER_STEP = new BigDecimal("0.01");
    /** What AnswersValidator accepts as an avoided ingredient's name. */
    static final String INGREDIENT_NAME = "^[\\p{L}\\p{N} ()/,.'+&:-]+$";
    /** An amount as a decimal string: what every amount of money looks like in this API. */
    public static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?$";

    private AnswersSchema() {
    }

    public static Schema of(Questionnaire questionnaire) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        Schema answers = OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("Answers to questionnaire version " + questionnaire.version() + " (GET /api/questionnaire"
                        + " on profile-service describes each question in en, tl and lv), one field per question. They"
                        + " are validated against the version the request claims; an answer to a question that was not"
                        + " asked is dropped. Health-adjacent personal data: never logged.")
                .additionalPropertiesBoolean(false);
        for (Questionnaire.Question question : questionnaire.questions()) {
            Schema property = property(question);
            String label = question.label() == null ? null : question.label().get("en");
            String asked = question.showIf() == null ? ""
                    : " Asked, and then required, only when " + question.showIf().question() + " is one of "
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

    private static Schema property(Questionnaire.Question question) {
        return switch (question.type()) {
            case SINGLE_CHOICE -> codes(question);
            case MULTIPLE_CHOICE, RANKED_CHOICE -> {
                Schema list = OASFactory.createSchema().addType(SchemaType.ARRAY).items(codes(question)).uniqueItems(true);
                list.setMinItems(question.minSelected());
                list.setMaxItems(question.maxSelected());
                yield list;
            }
            case BOOLEAN -> OASFactory.createSchema().addType(SchemaType.BOOLEAN);
            case NUMBER -> OASFactory.createSchema().addType(SchemaType.NUMBER)
                    .minimum(question.min()).maximum(question.max()).multipleOf(NUMBER_STEP);
            case TEXT_LIST -> {
                Schema name = OASFactory.createSchema().addType(SchemaType.STRING).minLength(1)
                        .maxLength(question.maxLength() == null ? 100 : question.maxLength()).pattern(INGREDIENT_NAME);
                Schema list = OASFactory.createSchema().addType(SchemaType.ARRAY).items(name);
                list.setMaxItems(question.maxItems());
                yield list;
            }
            case MONEY -> OASFactory.createSchema().addType(SchemaType.OBJECT)
                    .additionalPropertiesBoolean(false)
                    .required(List.of("amount", "currency"))
                    .properties(Map.of(
                            "amount", OASFactory.createSchema().addType(SchemaType.STRING).pattern(DECIMAL)
                                    .description("greater than 0" + (question.max() == null ? ""
                                            : " and at most " + question.max().toPlainString())
                                            + ", with no more decimals than the currency has")
                                    .examples(List.of("120.00")),
                            "currency", OASFactory.createSchema().addType(SchemaType.STRING)
                                    .enumeration(List.copyOf(question.currencies() == null ? List.of()
                                            : question.currencies()))));
        };
    }

    private static Schema codes(Questionnaire.Question question) {
        return OASFactory.createSchema().addType(SchemaType.STRING)
                .enumeration(question.optionsOrEmpty().stream().map(o -> (Object) o.code()).toList());
    }
}
