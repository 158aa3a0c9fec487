package com.skincareshop.contracts.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.validation.Violation;
import com.skincareshop.contracts.vocabulary.AgeBand;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.SkinType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates raw answers (a JSON object) against a questionnaire version, driven by the questionnaire's data:
 * types, options, limits, required and show-if. Returns every broken rule, each naming its field
 * ({@code answers.concerns[2]}), or the normalized {@link Answers}. Pure: profile-service and the
 * recommendation preview validate with exactly this code.
 */
public final class AnswersValidator {

    public static final String FIELD = "answers";
    private static final Pattern INGREDIENT_NAME = Pattern.compile("^[\\p{L}\\p{N} ()/,.'+&:-]+$");
    private static final int NUMBER_DECIMALS = 2;

    /** Either {@code answers} (valid) or {@code violations} (not empty). */
    public record Result(Answers answers, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private final Questionnaire questionnaire;
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, Object> values = new HashMap<>();

    private AnswersValidator(Questionnaire questionnaire) {
        this.questionnaire = questionnaire;
    }

    public static Result validate(Questionnaire questionnaire, JsonNode answers) {
        return new AnswersValidator(questionnaire).run(answers);
    }

    private Result run(JsonNode answers) {
        if (answers == null || answers.isNull() || answers.isMissingNode()) {
            return invalid(FIELD, "is required");
        }
        if (!answers.isObject()) {
            return invalid(FIELD, "must be an object with one field per question");
        }
        for (Iterator<String> names = answers.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (questionnaire.question(name).isEmpty()) {
                violations.add(new Violation(FIELD + "." + name,
                        "is not a question of questionnaire version " + questionnaire.version()));
            }
        }
        for (Questionnaire.Question question : questionnaire.questions()) {
            if (!isAsked(question)) {
                continue; // an answer to a question that was not asked is dropped, not held against the customer
            }
            String field = FIELD + "." + question.id();
            JsonNode value = answers.get(question.id());
            if (value == null || value.isNull()) {
                if (question.required()) {
                    violations.add(new Violation(field, "is required"));
                }
                continue;
            }
            Object parsed = parse(question, field, value);
            if (parsed != null) {
                values.put(question.id(), parsed);
            }
        }
        if (!violations.isEmpty()) {
            return new Result(null, List.copyOf(violations));
        }
        return new Result(toAnswers(), List.of());
    }

    private boolean isAsked(Questionnaire.Question question) {
        Questionnaire.ShowIf showIf = question.showIf();
        if (showIf == null) {
            return true;
        }
        Object earlier = values.get(showIf.question());
        if (earlier instanceof List<?> chosen) {
            return chosen.stream().anyMatch(c -> showIf.in().contains(String.valueOf(c)));
        }
        return earlier != null && showIf.in().contains(String.valueOf(earlier));
    }

    private Object parse(Questionnaire.Question question, String field, JsonNode value) {
        return switch (question.type()) {
            case SINGLE_CHOICE -> choice(question, field, value);
            case MULTIPLE_CHOICE, RANKED_CHOICE -> choices(question, field, value);
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    violations.add(new Violation(field, "must be true or false"));
                    yield null;
                }
                yield value.booleanValue();
            }
            case NUMBER -> number(question, field, value);
            case TEXT_LIST -> textList(question, field, value);
            case MONEY -> money(question, field, value);
        };
    }

    private String choice(Questionnaire.Question question, String field, JsonNode value) {
        if (!value.isTextual() || !question.hasOption(value.textValue())) {
            violations.add(new Violation(field, "must be one of " + codes(question)));
            return null;
        }
        return value.textValue();
    }

    private List<String> choices(Questionnaire.Question question, String field, JsonNode value) {
        if (!value.isArray()) {
            violations.add(new Violation(field, "must be an array of " + codes(question)));
            return null;
        }
        int before = violations.size();
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemField = field + "[" + i + "]";
            if (!item.isTextual() || !question.hasOption(item.textValue())) {
                violations.add(new Violation(itemField, "must be one of " + codes(question)));
            } else if (chosen.contains(item.textValue())) {
                violations.add(new Violation(itemField, "is chosen twice"));
            } else {
                chosen.add(item.textValue());
            }
        }
        if (question.minSelected() != null && value.size() < question.minSelected()) {
            violations.add(new Violation(field, "choose at least " + question.minSelected()));
        }
        if (question.maxSelected() != null && value.size() > question.maxSelected()) {
            violations.add(new Violation(field, "choose at most " + question.maxSelected()));
        }
        if (violations.size() > before) {
            return null;
        }
        if (question.type() == Questionnaire.Type.MULTIPLE_CHOICE) {
            // no order of importance: keep the questionnaire's order, so equal answers compare equal
            List<String> order = question.optionsOrEmpty().stream().map(Questionnaire.Option::code).toList();
            chosen.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
        }
        return List.copyOf(chosen);
    }

    private BigDecimal number(Questionnaire.Question question, String field, JsonNode value) {
        String range = "must be a number from " + plain(question.min()) + " to " + plain(question.max());
        if (!value.isNumber()) {
            violations.add(new Violation(field, range));
            return null;
        }
        BigDecimal number = value.decimalValue();
        if ((question.min() != null && number.compareTo(question.min()) < 0)
                || (question.max() != null && number.compareTo(question.max()) > 0)) {
            violations.add(new Violation(field, range));
            return null;
        }
        if (number.stripTrailingZeros().scale() > NUMBER_DECIMALS) {
            violations.add(new Violation(field, "must have at most " + NUMBER_DECIMALS + " decimals"));
            return null;
        }
        return normalized(number);
    }

    private List<String> textList(Questionnaire.Question question, String field, JsonNode value) {
        if (!value.isArray()) {
            violations.add(new Violation(field, "must be an array of ingredient names"));
            return null;
        }
        if (question.maxItems() != null && value.size() > question.maxItems()) {
            violations.add(new Violation(field, "at most " + question.maxItems() + " entries"));
            return null;
        }
        int before = violations.size();
        int maxLength = question.maxLength() == null ? 100 : question.maxLength();
        List<String> texts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemField = field + "[" + i + "]";
            String text = item.isTextual() ? item.textValue().strip().replaceAll("\\s+", " ") : null;
            if (text == null || text.isEmpty() || text.length() > maxLength) {
                violations.add(new Violation(itemField, "must be a name of 1 to " + maxLength + " characters"));
            } else if (!INGREDIENT_NAME.matcher(text).matches()) {
                violations.add(new Violation(itemField,
                        "must be an ingredient name (letters, digits, spaces and - ( ) / , . ' + & :)"));
            } else if (seen.add(avoidanceKey(text))) {
                texts.add(text);
            }
        }
        return violations.size() > before ? null : List.copyOf(texts);
    }

    /**
     * What makes two avoided names the same: a name for a whole class is its class ("Retinoids" and "Retinol (bitamina
     * A)" repeat each other, but neither repeats the single ingredient "Retinol"), any other name its folded form.
     */
    private static String avoidanceKey(String text) {
        return InciDictionary.classNamed(text).map(active -> "class:" + active.name())
                .orElseGet(() -> InciDictionary.normalize(text));
    }

    private Money money(Questionnaire.Question question, String field, JsonNode value) {
        if (!value.isObject()) {
            violations.add(new Violation(field, "must be an object {\"amount\": \"120.00\", \"currency\": \"EUR\"}"));
            return null;
        }
        int before = violations.size();
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("amount") && !name.equals("currency")) {
                violations.add(new Violation(field + "." + name, "unknown field"));
            }
        }
        JsonNode currencyNode = value.get("currency");
        List<String> currencies = question.currencies() == null ? List.of() : question.currencies();
        Currency currency = null;
        if (currencyNode == null || !currencyNode.isTextual() || !currencies.contains(currencyNode.textValue())) {
            violations.add(new Violation(field + ".currency", "must be one of " + String.join(", ", currencies)));
        } else {
            currency = Currency.getInstance(currencyNode.textValue());
        }
        JsonNode amountNode = value.get("amount");
        BigDecimal amount = null;
        if (amountNode != null && (amountNode.isNumber() || amountNode.isTextual())) {
            try {
                amount = amountNode.isNumber() ? amountNode.decimalValue() : new BigDecimal(amountNode.textValue().strip());
            } catch (NumberFormatException e) {
                amount = null;
            }
        }
        String amountRule = "must be an amount greater than 0" + (question.max() == null ? "" : " and at most " + plain(question.max()));
        if (amount == null || amount.signum() <= 0 || (question.max() != null && amount.compareTo(question.max()) > 0)) {
            violations.add(new Violation(field + ".amount", amountRule));
        } else if (currency != null && amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            violations.add(new Violation(field + ".amount", "has more decimals than " + currency.getCurrencyCode() + " allows"));
        }
        if (violations.size() > before) {
            return null;
        }
        return new Money(amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY),
                currency.getCurrencyCode());
    }

    @SuppressWarnings("unchecked")
    private Answers toAnswers() {
        return new Answers(
                enumOrNull(SkinType.class, (String) values.get("skinType")),
                Boolean.TRUE.equals(values.get("sensitive")),
                values.get("ageBand") == null ? null : AgeBand.ofCode((String) values.get("ageBand")),
                ((List<String>) values.getOrDefault("concerns", List.of())).stream().map(Concern::valueOf).toList(),
                (BigDecimal) values.getOrDefault("sunExposureHours", BigDecimal.ZERO),
                Boolean.TRUE.equals(values.get("pregnantOrBreastfeeding")),
                (List<String>) values.getOrDefault("avoidIngredients", List.of()),
                ((List<String>) values.getOrDefault("areas", List.of("FACE"))).stream().map(Area::valueOf).toList(),
                (Money) values.get("budget"),
                Boolean.TRUE.equals(values.get("marketingConsent")));
    }

    private Result invalid(String field, String message) {
        return new Result(null, List.of(new Violation(field, message)));
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String code) {
        return code == null ? null : Enum.valueOf(type, code);
    }

    private static String codes(Questionnaire.Question question) {
        return question.optionsOrEmpty().stream().map(Questionnaire.Option::code).collect(Collectors.joining(", "));
    }

    private static BigDecimal normalized(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String plain(BigDecimal number) {
        return number == null ? "?" : number.stripTrailingZeros().toPlainString();
    }
}
