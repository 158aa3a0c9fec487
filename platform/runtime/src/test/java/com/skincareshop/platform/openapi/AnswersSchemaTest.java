package com.skincareshop.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.Questionnaire;
import com.skincareshop.contracts.profile.Questionnaires;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

/** The Answers schema says what the questionnaire's data says, and what the Answers record serializes. */
class AnswersSchemaTest {

    private final Questionnaire questionnaire = Questionnaires.current();

    private Components components() {
        Components components = OASFactory.createComponents();
        AnswersSchema.addTo(components, questionnaire);
        return components;
    }

    @Test
    void oneFieldPerQuestionAndTheRecordsFieldsToo() {
        Schema answers = components().getSchemas().get(ApiDocument.ANSWERS);
        assertThat(answers.getProperties().keySet())
                .containsExactlyElementsOf(questionnaire.questions().stream()
                        .map(Questionnaire.Question::id)
                        .toList())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Answers.class.getRecordComponents())
                        .map(RecordComponent::getName)
                        .toList());
        assertThat(answers.getAdditionalPropertiesBoolean()).isFalse();
    }

    @Test
    void requiredAreTheRequiredQuestionsAskedOfEveryone() {
        Schema answers = components().getSchemas().get(ApiDocument.ANSWERS);
        List<String> required = questionnaire.questions().stream()
                .filter(q -> q.required() && q.showIf() == null)
                .map(Questionnaire.Question::id)
                .toList();
        assertThat(answers.getRequired())
                .containsExactlyElementsOf(required)
                .contains("skinType", "concerns")
                .doesNotContain("pregnantOrBreastfeeding", "budget", "avoidIngredients");
        assertThat(answers.getProperties().get("pregnantOrBreastfeeding").getDescription())
                .contains("only when ageBand is one of");
    }

    @Test
    void choicesAreTheQuestionsOptionsWithTheirLimits() {
        Map<String, Schema> schemas = components().getSchemas();
        Questionnaire.Question concerns = questionnaire.question("concerns").orElseThrow();
        Schema list = schemas.get(ApiDocument.ANSWERS).getProperties().get("concerns");
        assertThat(list.getMinItems()).isEqualTo(concerns.minSelected());
        assertThat(list.getMaxItems()).isEqualTo(concerns.maxSelected());
        assertThat(list.getUniqueItems()).isTrue();
        assertThat(list.getItems().getRef()).isEqualTo("#/components/schemas/Concern");
        assertThat(schemas.get("Concern").getEnumeration())
                .containsExactlyElementsOf(
                        concerns.options().stream().map(o -> (Object) o.code()).toList());
        assertThat(schemas.get("AgeBand").getEnumeration()).contains("25_34", "55_PLUS");
        assertThat(schemas.get("Area").getEnumeration()).containsExactly("FACE", "HANDS");
    }

    @Test
    void numbersAndTextsHaveTheValidatorsBounds() {
        Map<String, Schema> properties =
                components().getSchemas().get(ApiDocument.ANSWERS).getProperties();
        Questionnaire.Question hours =
                questionnaire.question("sunExposureHours").orElseThrow();
        assertThat(properties.get("sunExposureHours").getMinimum()).isEqualByComparingTo(hours.min());
        assertThat(properties.get("sunExposureHours").getMaximum()).isEqualByComparingTo(hours.max());
        assertThat(properties.get("sunExposureHours").getMultipleOf()).isEqualByComparingTo(new BigDecimal("0.01"));
        Questionnaire.Question avoid =
                questionnaire.question("avoidIngredients").orElseThrow();
        assertThat(properties.get("avoidIngredients").getMaxItems()).isEqualTo(avoid.maxItems());
        assertThat(properties.get("avoidIngredients").getItems().getMaxLength()).isEqualTo(avoid.maxLength());
        Schema budget = properties.get("budget");
        assertThat(budget.getRequired()).containsExactlyInAnyOrder("amount", "currency");
        assertThat(budget.getProperties().get("currency").getEnumeration()).containsExactly("EUR");
    }

    @Test
    void codesThatDisagreeWithTheRestOfTheDocumentFailTheBuild() {
        Components components = OASFactory.createComponents();
        components.addSchema("Area", OASFactory.createSchema().enumeration(List.of("FACE", "HANDS", "FEET")));
        assertThatThrownBy(() -> AnswersSchema.addTo(components, questionnaire))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Area");
    }
}
