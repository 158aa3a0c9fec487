package com.skincareshop.platform.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.profile.AnswersValidator;
import com.skincareshop.contracts.profile.Questionnaires;
import com.skincareshop.contracts.vocabulary.Concern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Questionnaire answers of varied, plausible customers, as a storefront would send them (the body of a profile
 * PUT or a preview): every skin type and age band, one to three ranked concerns, some sensitive or pregnant
 * customers, some with ingredients to avoid or a budget. Reproducible from a seed. Marketing consent is a
 * parameter: a consenting customer's profile change also issues a routine, which the load tools want to control.
 */
public final class SyntheticAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SKIN_TYPES = {"DRY", "OILY", "COMBINATION", "NORMAL"};
    private static final String[] AGE_BANDS = {"UNDER_25", "25_34", "35_44", "45_54", "55_PLUS"};
    private static final String[] AVOID = {"Fragrance", "Retinol", "Salicylic Acid", "Niacinamide", "Linalool"};

    private final Random random;

    public SyntheticAnswers(long seed) {
        this.random = new Random(seed);
    }

    /** The next customer's answers, as JSON (the API's shape). */
    public synchronized ObjectNode next(boolean marketingConsent) {
        ObjectNode answers = JSON.createObjectNode();
        answers.put("skinType", SKIN_TYPES[random.nextInt(SKIN_TYPES.length)]);
        answers.put("sensitive", random.nextInt(4) == 0);
        String ageBand = AGE_BANDS[random.nextInt(AGE_BANDS.length)];
        answers.put("ageBand", ageBand);
        List<Concern> concerns = new ArrayList<>(List.of(Concern.values()));
        Collections.shuffle(concerns, random);
        ArrayNode ranked = answers.putArray("concerns");
        concerns.subList(0, 1 + random.nextInt(3)).forEach(c -> ranked.add(c.name()));
        answers.put("sunExposureHours", random.nextInt(9));
        if (!ageBand.equals("55_PLUS")) { // the questionnaire asks it only below 55 (showIf)
            answers.put("pregnantOrBreastfeeding", random.nextInt(12) == 0);
        }
        if (random.nextInt(3) == 0) {
            answers.putArray("avoidIngredients").add(AVOID[random.nextInt(AVOID.length)]);
        }
        ArrayNode areas = answers.putArray("areas");
        int area = random.nextInt(10);
        if (area < 8) {
            areas.add("FACE");
        }
        if (area >= 7) {
            areas.add("HANDS");
        }
        if (random.nextInt(3) == 0) {
            answers.putObject("budget")
                    .put("amount", (40 + random.nextInt(160)) + ".00")
                    .put("currency", "EUR");
        }
        answers.put("marketingConsent", marketingConsent);
        return answers;
    }

    /** The next customer's answers validated and normalized exactly as profile-service stores and publishes them. */
    public Answers nextNormalized(boolean marketingConsent) {
        AnswersValidator.Result result = AnswersValidator.validate(Questionnaires.current(), next(marketingConsent));
        if (!result.valid()) {
            throw new IllegalStateException("synthetic answers are invalid: " + result.violations());
        }
        return result.answers();
    }
}
