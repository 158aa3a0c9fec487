package com.skincareshop.profile.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skincareshop.contracts.profile.Questionnaire;
import com.skincareshop.contracts.vocabulary.Locales;
import com.skincareshop.platform.openapi.ApiDocument;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The questionnaire as a storefront renders it: every text in one locale (falling back to English). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        name = "Questionnaire",
        requiredProperties = {"version", "locale", "questions"})
public record QuestionnaireView(
        int version, @Schema(ref = ApiDocument.LOCALE) String locale, List<QuestionView> questions) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "Question",
            description = "A question: `id` is the field of `answers` that answers it",
            requiredProperties = {"id", "type", "required", "label"})
    public record QuestionView(
            String id,
            Questionnaire.Type type,
            boolean required,
            String label,
            String help,
            List<OptionView> options,
            Integer minSelected,
            Integer maxSelected,
            BigDecimal min,
            BigDecimal max,
            String unit,
            Integer maxItems,
            Integer maxLength,
            List<OptionView> suggestions,
            List<String> currencies,
            Questionnaire.ShowIf showIf) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "Option",
            requiredProperties = {"code", "label"})
    public record OptionView(String code, String label, String help) {}

    public static QuestionnaireView of(Questionnaire questionnaire, String requestedLocale) {
        String locale = Locales.resolve(requestedLocale);
        return new QuestionnaireView(
                questionnaire.version(),
                locale,
                questionnaire.questions().stream()
                        .map(q -> new QuestionView(
                                q.id(),
                                q.type(),
                                q.required(),
                                text(q.label(), locale),
                                text(q.help(), locale),
                                options(q.options(), locale),
                                q.minSelected(),
                                q.maxSelected(),
                                q.min(),
                                q.max(),
                                text(q.unit(), locale),
                                q.maxItems(),
                                q.maxLength(),
                                options(q.suggestions(), locale),
                                q.currencies(),
                                q.showIf()))
                        .toList());
    }

    private static List<OptionView> options(List<Questionnaire.Option> options, String locale) {
        return options == null
                ? null
                : options.stream()
                        .map(o -> new OptionView(o.code(), text(o.label(), locale), text(o.help(), locale)))
                        .toList();
    }

    private static String text(Map<String, String> texts, String locale) {
        return texts == null ? null : texts.getOrDefault(locale, texts.get(Locales.ENGLISH));
    }
}
