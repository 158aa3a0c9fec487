package com.skincareshop.contracts.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.contracts.validation.Violation;
import com.skincareshop.contracts.validation.ViolationList;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers built to cost the validator time or a huge answer: each is refused at once, with a short list of
 * violations, never an exception (an exception would be a 500).
 */
class HostileAnswersTest {

    private static final Questionnaire V1 = Questionnaires.version(1).orElseThrow();
    /** Far above what these take (microseconds to milliseconds), far below what they took unbounded (seconds). */
    private static final Duration FAST = Duration.ofMillis(500);

    private static final ObjectMapper DOUBLES = new ObjectMapper();
    private static final ObjectMapper DECIMALS =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void aHundredThousandConcernsAreOneViolationAndNoneOfThemIsLookedAt() {
        ObjectNode answers = AnswersValidatorTest.valid();
        ArrayNode concerns = answers.putArray("concerns");
        for (int i = 0; i < 100_000; i++) {
            concerns.add(1);
        }
        AnswersValidator.Result result = fast(() -> AnswersValidator.validate(V1, answers));
        assertThat(result.violations()).containsExactly(new Violation("answers.concerns", "choose at most 5"));
    }

    @Test
    void tenThousandUnknownQuestionsStopAtFiftyViolationsAndSaySoOnce() {
        ObjectNode answers = AnswersValidatorTest.valid();
        for (int i = 0; i < 10_000; i++) {
            answers.put("question" + i, i);
        }
        AnswersValidator.Result result = fast(() -> AnswersValidator.validate(V1, answers));
        assertThat(result.violations()).hasSize(ViolationList.MAX_LISTED + 1).endsWith(ViolationList.MORE);
        assertThat(result.violations().subList(0, ViolationList.MAX_LISTED))
                .allMatch(v -> v.field().startsWith("answers.question"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e400", "-1e400", "1E+2147483647", "123456789012345678901234567890123456789012345"})
    void anAbsurdNumberOfSunHoursIsARangeViolationNamingTheField(String number) {
        for (ObjectMapper reader : new ObjectMapper[] {DOUBLES, DECIMALS}) {
            ObjectNode answers = answersWith(reader, "\"sunExposureHours\": " + number);
            AnswersValidator.Result result = fast(() -> AnswersValidator.validate(V1, answers));
            assertThat(result.violations())
                    .as(number + " read by " + (reader == DOUBLES ? "doubles" : "decimals"))
                    .containsExactly(new Violation("answers.sunExposureHours", "must be a number from 0 to 24"));
        }
    }

    /** A reader of doubles reads it as 0; the services read decimals (StrictJson), which keep it as sent. */
    @Test
    void sunHoursOfAbsurdScaleAreTooManyDecimals() {
        ObjectNode answers = answersWith(DECIMALS, "\"sunExposureHours\": 1e-10000000");
        AnswersValidator.Result result = fast(() -> AnswersValidator.validate(V1, answers));
        assertThat(result.violations())
                .containsExactly(new Violation("answers.sunExposureHours", "must have at most 2 decimals"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e-10000000", "\"1e-10000000\"", "1e400", "\"1e400\"", "\"NaN\"", "\"Infinity\""})
    void anAbsurdBudgetIsAViolationOfItsAmount(String amount) {
        ObjectNode answers = answersWith(DECIMALS, "\"budget\": {\"amount\": " + amount + ", \"currency\": \"EUR\"}");
        AnswersValidator.Result result = fast(() -> AnswersValidator.validate(V1, answers));
        assertThat(result.violations()).extracting(Violation::field).containsExactly("answers.budget.amount");
    }

    @Test
    void aBudgetOfAHundredThousandDigitsIsRefusedBeforeItIsParsed() {
        ObjectNode answers = AnswersValidatorTest.valid();
        answers.putObject("budget").put("amount", "9".repeat(100_000)).put("currency", "EUR");
        AnswersValidator.Result result = fast(() -> AnswersValidator.validate(V1, answers));
        assertThat(result.violations()).extracting(Violation::field).containsExactly("answers.budget.amount");
    }

    /** The valid answers with one field replaced, as {@code reader} reads it. */
    private static ObjectNode answersWith(ObjectMapper reader, String field) {
        String name = field.substring(1, field.indexOf('"', 1));
        ObjectNode valid = AnswersValidatorTest.valid();
        valid.remove(name);
        String json = valid.toString();
        try {
            return (ObjectNode) reader.readTree("{" + field + "," + json.substring(1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T fast(Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
        return result;
    }
}
