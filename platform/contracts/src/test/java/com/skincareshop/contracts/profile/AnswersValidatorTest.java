package com.skincareshop.contracts.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.contracts.validation.Violation;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.contracts.vocabulary.SkinType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnswersValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Questionnaire V1 = Questionnaires.version(1).orElseThrow();

    /** The example answers of docs/api.md. */
    static ObjectNode valid() {
        try {
            return (ObjectNode) JSON.readTree("""
                    { "skinType": "OILY", "sensitive": false, "ageBand": "35_44",
                      "concerns": ["ENLARGED_PORES", "SAGGING_PORES"], "sunExposureHours": 5,
                      "pregnantOrBreastfeeding": false, "avoidIngredients": ["Fragrance"],
                      "areas": ["FACE"], "budget": {"amount": "120.00", "currency": "EUR"}, "marketingConsent": true }
                    """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void acceptsAndNormalizesTheDesignExample() {
        ObjectNode answers = valid();
        answers.putArray("avoidIngredients")
                .add("  Fragrance ")
                .add("fragrance")
                .add("Retinol");
        answers.putArray("areas").add("HANDS").add("FACE");
        answers.put("sunExposureHours", new BigDecimal("5.0"));

        AnswersValidator.Result result = AnswersValidator.validate(V1, answers);

        assertThat(result.violations()).isEmpty();
        Answers normalized = result.answers();
        assertThat(normalized.skinType()).isEqualTo(SkinType.OILY);
        assertThat(normalized.ageBand()).isEqualTo(AgeBand.AGE_35_44);
        assertThat(normalized.concerns()).containsExactly(Concern.ENLARGED_PORES, Concern.SAGGING_PORES);
        assertThat(normalized.avoidIngredients()).containsExactly("Fragrance", "Retinol");
        assertThat(normalized.areas()).containsExactly(Area.FACE, Area.HANDS);
        assertThat(normalized.sunExposureHours()).isEqualTo(new BigDecimal("5"));
        assertThat(normalized.budget().amount()).isEqualTo(new BigDecimal("120.00"));
        assertThat(normalized.marketingConsent()).isTrue();
        assertThat(normalized.toString()).doesNotContain("OILY").doesNotContain("Fragrance");
    }

    @Test
    void aClassNameIsNoRepeatOfOneIngredientOfTheClass() {
        ObjectNode answers = valid();
        answers.putArray("avoidIngredients")
                .add("Retinol")
                .add("Retinol (bitamina A)")
                .add("Retinoids")
                .add("Retinaldehyde")
                .add("Retinal");
        assertThat(AnswersValidator.validate(V1, answers).answers().avoidIngredients())
                .containsExactly("Retinol", "Retinol (bitamina A)", "Retinaldehyde"); // Retinal is Retinaldehyde
    }

    @Test
    void pregnancyIsNotAskedOver55AndItsAnswerIsDropped() {
        ObjectNode answers = valid();
        answers.put("ageBand", "55_PLUS");
        answers.remove("pregnantOrBreastfeeding");
        assertThat(AnswersValidator.validate(V1, answers).violations()).isEmpty();
        answers.put("pregnantOrBreastfeeding", true);
        assertThat(AnswersValidator.validate(V1, answers).answers().pregnantOrBreastfeeding())
                .isFalse();

        answers.put("ageBand", "25_34");
        answers.remove("pregnantOrBreastfeeding");
        assertThat(AnswersValidator.validate(V1, answers).violations())
                .containsExactly(new Violation("answers.pregnantOrBreastfeeding", "is required"));
    }

    @Test
    void budgetAndAvoidedIngredientsAreOptional() {
        ObjectNode answers = valid();
        answers.remove("budget");
        answers.remove("avoidIngredients");
        AnswersValidator.Result result = AnswersValidator.validate(V1, answers);
        assertThat(result.violations()).isEmpty();
        assertThat(result.answers().budget()).isNull();
        assertThat(result.answers().avoidIngredients()).isEmpty();
    }

    static Stream<Arguments> badAnswers() {
        return Stream.of(
                bad("answers.skinType", a -> a.put("skinType", "GREASY")),
                bad("answers.skinType", a -> a.put("skinType", 2)),
                bad("answers.skinType", a -> a.remove("skinType")),
                bad("answers.sensitive", a -> a.put("sensitive", "no")),
                bad("answers.ageBand", a -> a.put("ageBand", "30")),
                bad("answers.concerns", a -> a.putArray("concerns")),
                bad("answers.concerns", a -> a.put("concerns", "DULLNESS")),
                bad(
                        "answers.concerns[1]",
                        a -> a.putArray("concerns").add("DULLNESS").add("WRINKLES")),
                bad(
                        "answers.concerns[1]",
                        a -> a.putArray("concerns").add("DULLNESS").add("DULLNESS")),
                bad("answers.concerns", a -> {
                    ArrayNode six = a.putArray("concerns");
                    Arrays.stream(Concern.values()).limit(6).forEach(c -> six.add(c.name()));
                }),
                bad("answers.sunExposureHours", a -> a.put("sunExposureHours", 25)),
                bad("answers.sunExposureHours", a -> a.put("sunExposureHours", -1)),
                bad("answers.sunExposureHours", a -> a.put("sunExposureHours", "5")),
                bad("answers.sunExposureHours", a -> a.put("sunExposureHours", new BigDecimal("2.125"))),
                bad("answers.pregnantOrBreastfeeding", a -> a.putNull("pregnantOrBreastfeeding")),
                bad("answers.avoidIngredients", a -> {
                    ArrayNode many = a.putArray("avoidIngredients");
                    for (int i = 0; i < 21; i++) {
                        many.add("Ingredient " + i);
                    }
                }),
                bad(
                        "answers.avoidIngredients[0]",
                        a -> a.putArray("avoidIngredients").add("")),
                bad(
                        "answers.avoidIngredients[0]",
                        a -> a.putArray("avoidIngredients").add("x".repeat(61))),
                bad(
                        "answers.avoidIngredients[0]",
                        a -> a.putArray("avoidIngredients").add("'; drop table profile; --")),
                bad(
                        "answers.avoidIngredients[0]",
                        a -> a.putArray("avoidIngredients").add(7)),
                bad("answers.areas", a -> a.putArray("areas")),
                bad("answers.areas[0]", a -> a.putArray("areas").add("FEET")),
                bad(
                        "answers.budget.amount",
                        a -> a.putObject("budget").put("amount", "-5").put("currency", "EUR")),
                bad(
                        "answers.budget.amount",
                        a -> a.putObject("budget").put("amount", "0").put("currency", "EUR")),
                bad(
                        "answers.budget.amount",
                        a -> a.putObject("budget").put("amount", "lots").put("currency", "EUR")),
                bad(
                        "answers.budget.amount",
                        a -> a.putObject("budget").put("amount", "10.001").put("currency", "EUR")),
                bad(
                        "answers.budget.amount",
                        a -> a.putObject("budget").put("amount", "100000.01").put("currency", "EUR")),
                bad(
                        "answers.budget.currency",
                        a -> a.putObject("budget").put("amount", "50").put("currency", "XYZ")),
                // the shop prices in euros only: a budget it cannot compare is refused, never silently ignored
                bad(
                        "answers.budget.currency",
                        a -> a.putObject("budget").put("amount", "5000").put("currency", "PHP")),
                bad("answers.budget.currency", a -> a.putObject("budget").put("amount", "50")),
                bad(
                        "answers.budget.tip",
                        a -> a.putObject("budget")
                                .put("amount", "50")
                                .put("currency", "EUR")
                                .put("tip", 1)),
                bad("answers.budget", a -> a.put("budget", 120)),
                bad("answers.marketingConsent", a -> a.remove("marketingConsent")),
                bad("answers.favouriteColour", a -> a.put("favouriteColour", "blue")));
    }

    private static Arguments bad(String field, Consumer<ObjectNode> breakIt) {
        return Arguments.of(field, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void eachBadAnswerNamesItsField(String field, Consumer<ObjectNode> breakIt) {
        ObjectNode answers = valid();
        breakIt.accept(answers);
        AnswersValidator.Result result = AnswersValidator.validate(V1, answers);
        assertThat(result.valid()).isFalse();
        assertThat(result.answers()).isNull();
        assertThat(result.violations()).extracting(Violation::field).contains(field);
    }

    @Test
    void answersMustBeAnObject() {
        for (JsonNode notAnObject : List.<JsonNode>of(
                JSON.getNodeFactory().arrayNode(), JSON.getNodeFactory().textNode("x"))) {
            assertThat(AnswersValidator.validate(V1, notAnObject).violations())
                    .extracting(Violation::field)
                    .containsExactly("answers");
        }
        assertThat(AnswersValidator.validate(V1, null).violations())
                .extracting(Violation::field)
                .containsExactly("answers");
    }

    @Test
    void theQuestionnaireSpeaksTheEnginesVocabularyInEveryLocale() {
        assertThat(codes("skinType"))
                .containsExactlyElementsOf(
                        Arrays.stream(SkinType.values()).map(Enum::name).toList());
        assertThat(codes("concerns"))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Concern.values()).map(Enum::name).toList());
        assertThat(codes("areas"))
                .containsExactlyElementsOf(
                        Arrays.stream(Area.values()).map(Enum::name).toList());
        assertThat(codes("ageBand"))
                .containsExactlyElementsOf(
                        Arrays.stream(AgeBand.values()).map(AgeBand::code).toList());
        for (Questionnaire.Question question : V1.questions()) {
            assertThat(question.label().keySet())
                    .as(question.id())
                    .containsExactlyInAnyOrderElementsOf(Locales.SUPPORTED);
            question.optionsOrEmpty()
                    .forEach(option -> assertThat(option.label().keySet())
                            .as(question.id() + "." + option.code())
                            .containsExactlyInAnyOrderElementsOf(Locales.SUPPORTED));
        }
    }

    private static List<String> codes(String questionId) {
        return V1.question(questionId).orElseThrow().optionsOrEmpty().stream()
                .map(Questionnaire.Option::code)
                .toList();
    }
}
