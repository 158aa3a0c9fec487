package com.skincareshop.contracts.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.skincareshop.contracts.catalog.InciDictionary;
import com.skincareshop.contracts.catalog.Money;
import com.skincareshop.contracts.validation.Decimals;
import com.skincareshop.contracts.validation.Violation;
import com.skincareshop.contracts.validation.ViolationList;
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
 * types, options, limits, required and show-if. Returns the broken rules, each naming its field
 * ({@code answers.concerns[2]}), or the normalized {@link Answers}. Pure: profile-service and the
 * recommendation preview validate with exactly this code.
 *
 * <p>Built for hostile input: it stops at the first violation past {@link ViolationList#MAX_LISTED}, refuses a list
 * longer than its question allows without looking at its elements, and refuses a number beyond {@link Decimals}
 * before any arithmetic on it.
 */
public final class AnswersValidator {

    public static final String FIELD = "answers";
    private static final Pattern INGREDIENT_NAME = Pattern.compile("^[\\p{L}\\p{N} ()/,.'+&:-]+$");
    private static final int NUMBER_DECIMALS = 2;
    /** Far longer than any amount within {@link Decimals}' bound needs: refused before it is parsed. */
    private static final int MAX_AMOUNT_TEXT = 2 * Decimals.MAX_DIGITS + 10;

    /** Either {@code answers} (valid) or {@code violations} (not empty, ending with {@link ViolationList#MORE} if cut short). */
    public record Result(Answers answers, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private final Questionnaire questionnaire;
    private final ViolationList violations = new ViolationList();
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
            if (questionnaire.question(name).isEmpty()
                    && !report(
                            FIELD + "." + name,
                            "is not a question of questionnaire version " + questionnaire.version())) {
                break;
            }
        }
        for (Questionnaire.Question question : questionnaire.questions()) {
            if (violations.truncated()) {
                break;
            }
            if (!isAsked(question)) {
                continue; // an answer to a question that was not asked is dropped, not held against the customer
            }
            String field = FIELD + "." + question.id();
            JsonNode value = answers.get(question.id());
            if (value == null || value.isNull()) {
                if (question.required()) {
                    report(field, "is required");
                }
                continue;
            }
            Object parsed = parse(question, field, value);
            if (parsed != null) {
                values.put(question.id(), parsed);
            }
        }
        if (!violations.isEmpty()) {
            return new Result(null, violations.toList());
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
                    report(field, "must be true or false");
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
            report(field, "must be one of " + codes(question));
            return null;
        }
        return value.textValue();
    }

    private List<String> choices(Questionnaire.Question question, String field, JsonNode value) {
        if (!value.isArray()) {
            report(field, "must be an array of " + codes(question));
            return null;
        }
        if (question.maxSelected() != null && value.size() > question.maxSelected()) {
            report(field, "choose at most " + question.maxSelected());
            return null; // one violation for the list, not one for each of its elements
        }
        boolean broken = false;
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemField = field + "[" + i + "]";
            String problem = !item.isTextual() || !question.hasOption(item.textValue())
                    ? "must be one of " + codes(question)
                    : chosen.contains(item.textValue()) ? "is chosen twice" : null;
            if (problem != null) {
                broken = true;
                if (!report(itemField, problem)) {
                    return null;
                }
            } else {
                chosen.add(item.textValue());
            }
        }
        if (question.minSelected() != null && value.size() < question.minSelected()) {
            broken = true;
            report(field, "choose at least " + question.minSelected());
        }
        if (broken) {
            return null;
        }
        if (question.type() == Questionnaire.Type.MULTIPLE_CHOICE) {
            // no order of importance: keep the questionnaire's order, so equal answers compare equal
            List<String> order = question.optionsOrEmpty().stream()
                    .map(Questionnaire.Option::code)
                    .toList();
            chosen.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
        }
        return List.copyOf(chosen);
    }

    private BigDecimal number(Questionnaire.Question question, String field, JsonNode value) {
        String range = "must be a number from " + plain(question.min()) + " to " + plain(question.max());
        String decimals = "must have at most " + NUMBER_DECIMALS + " decimals";
        if (value.isBigDecimal() && value.decimalValue().scale() > Decimals.MAX_DIGITS) {
            report(field, decimals); // 1e-10000000: tiny, and too fine to look at further
            return null;
        }
        BigDecimal number = value.isNumber() ? boundedDecimal(value) : null;
        if (number == null
                || (question.min() != null && number.compareTo(question.min()) < 0)
                || (question.max() != null && number.compareTo(question.max()) > 0)) {
            report(field, range);
            return null;
        }
        if (number.stripTrailingZeros().scale() > NUMBER_DECIMALS) {
            report(field, decimals);
            return null;
        }
        return normalized(number);
    }

    private List<String> textList(Questionnaire.Question question, String field, JsonNode value) {
        if (!value.isArray()) {
            report(field, "must be an array of ingredient names");
            return null;
        }
        if (question.maxItems() != null && value.size() > question.maxItems()) {
            report(field, "at most " + question.maxItems() + " entries");
            return null;
        }
        boolean broken = false;
        int maxLength = question.maxLength() == null ? 100 : question.maxLength();
        List<String> texts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemField = field + "[" + i + "]";
            String text = item.isTextual() ? item.textValue().strip().replaceAll("\\s+", " ") : null;
            String problem = text == null || text.isEmpty() || text.length() > maxLength
                    ? "must be a name of 1 to " + maxLength + " characters"
                    : !INGREDIENT_NAME.matcher(text).matches()
                            ? "must be an ingredient name (letters, digits, spaces and - ( ) / , . ' + & :)"
                            : null;
            if (problem != null) {
                broken = true;
                if (!report(itemField, problem)) {
                    return null;
                }
            } else if (seen.add(avoidanceKey(text))) {
                texts.add(text);
            }
        }
        return broken ? null : List.copyOf(texts);
    }

    /**
     * What makes two avoided names the same: a name for a whole class is its class ("Retinoids" and "Retinol (bitamina
     * A)" repeat each other, but neither repeats the single ingredient "Retinol"), any other name its folded form.
     */
    private static String avoidanceKey(String text) {
        return InciDictionary.classNamed(text)
                .map(active -> "class:" + active.name())
                .orElseGet(() -> InciDictionary.normalize(text));
    }

    private Money money(Questionnaire.Question question, String field, JsonNode value) {
        if (!value.isObject()) {
            report(field, "must be an object {\"amount\": \"120.00\", \"currency\": \"EUR\"}");
            return null;
        }
        boolean broken = false;
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("amount") && !name.equals("currency")) {
                broken = true;
                if (!report(field + "." + name, "unknown field")) {
                    return null;
                }
            }
        }
        JsonNode currencyNode = value.get("currency");
        List<String> currencies = question.currencies() == null ? List.of() : question.currencies();
        Currency currency = null;
        if (currencyNode == null || !currencyNode.isTextual() || !currencies.contains(currencyNode.textValue())) {
            broken = true;
            report(field + ".currency", "must be one of " + String.join(", ", currencies));
        } else {
            currency = Currency.getInstance(currencyNode.textValue());
        }
        BigDecimal amount = amount(value.get("amount"));
        String amountRule = "must be an amount greater than 0"
                + (question.max() == null ? "" : " and at most " + plain(question.max()));
        if (amount == null
                || amount.signum() <= 0
                || (question.max() != null && amount.compareTo(question.max()) > 0)) {
            broken = true;
            report(field + ".amount", amountRule);
        } else if (currency != null && amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            broken = true;
            report(field + ".amount", "has more decimals than " + currency.getCurrencyCode() + " allows");
        }
        if (broken) {
            return null;
        }
        return new Money(
                amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY),
                currency.getCurrencyCode());
    }

    /** An amount as a number or a string ("120.00"), or null when it is neither or is out of {@link Decimals}' bound. */
    private static BigDecimal amount(JsonNode node) {
        if (node != null && node.isNumber()) {
            return boundedDecimal(node);
        }
        if (node == null || !node.isTextual() || node.textValue().length() > MAX_AMOUNT_TEXT) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(node.textValue().strip());
            return Decimals.withinBounds(amount) ? amount : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The number's exact value, or null when it has none within {@link Decimals}' bound: a double read as infinite
     * (1e400, where the tree holds doubles), or a decimal of absurd scale (1e-10000000).
     */
    private static BigDecimal boundedDecimal(JsonNode number) {
        if (number.isFloatingPointNumber() && !number.isBigDecimal() && !Double.isFinite(number.doubleValue())) {
            return null;
        }
        BigDecimal value = number.decimalValue();
        return Decimals.withinBounds(value) ? value : null;
    }

    /** False once there is no more room: the caller stops looking. */
    private boolean report(String field, String message) {
        return violations.add(field, message);
    }

    @SuppressWarnings("unchecked")
    private Answers toAnswers() {
        return new Answers(
                enumOrNull(SkinType.class, (String) values.get("skinType")),
                Boolean.TRUE.equals(values.get("sensitive")),
                values.get("ageBand") == null ? null : AgeBand.ofCode((String) values.get("ageBand")),
                ((List<String>) values.getOrDefault("concerns", List.of()))
                        .stream().map(Concern::valueOf).toList(),
                (BigDecimal) values.getOrDefault("sunExposureHours", BigDecimal.ZERO),
                Boolean.TRUE.equals(values.get("pregnantOrBreastfeeding")),
                (List<String>) values.getOrDefault("avoidIngredients", List.of()),
                ((List<String>) values.getOrDefault("areas", List.of("FACE")))
                        .stream().map(Area::valueOf).toList(),
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
        return question.optionsOrEmpty().stream()
                .map(Questionnaire.Option::code)
                .collect(Collectors.joining(", "));
    }

    private static BigDecimal normalized(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String plain(BigDecimal number) {
        return number == null ? "?" : number.stripTrailingZeros().toPlainString();
    }
}
