package com.skincareshop.contracts.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A version of the skin questionnaire, as data ({@code questionnaire/v<N>.json}): questions, their options and
 * limits, localized labels, and which questions depend on earlier answers. Answers are validated against the
 * version the customer answered.
 */
public record Questionnaire(int version, List<Question> questions) {

    public enum Type {
        SINGLE_CHOICE,
        MULTIPLE_CHOICE,
        RANKED_CHOICE,
        BOOLEAN,
        NUMBER,
        TEXT_LIST,
        MONEY
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Question(
            String id,
            Type type,
            boolean required,
            Map<String, String> label,
            Map<String, String> help,
            List<Option> options,
            Integer minSelected,
            Integer maxSelected,
            BigDecimal min,
            BigDecimal max,
            Map<String, String> unit,
            Integer maxItems,
            Integer maxLength,
            List<Option> suggestions,
            List<String> currencies,
            ShowIf showIf) {

        public List<Option> optionsOrEmpty() {
            return options == null ? List.of() : options;
        }

        public boolean hasOption(String code) {
            return optionsOrEmpty().stream().anyMatch(o -> o.code().equals(code));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Option(String code, Map<String, String> label, Map<String, String> help) {}

    /** The question is asked only when the answer to {@code question} is one of {@code in}. */
    public record ShowIf(String question, List<String> in) {}

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }
}
