package com.skincareshop.contracts.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every published version of the questionnaire. A new version is a new file, never an edit of an old one:
 * stored answers stay valid against the version they were given for.
 */
public final class Questionnaires {

    /** Versions in the order they were published; the last is current. */
    private static final int[] PUBLISHED = {1};

    private static final Map<Integer, Questionnaire> BY_VERSION = load();

    private Questionnaires() {}

    public static Questionnaire current() {
        return BY_VERSION.get(PUBLISHED[PUBLISHED.length - 1]);
    }

    public static Optional<Questionnaire> version(int version) {
        return Optional.ofNullable(BY_VERSION.get(version));
    }

    private static Map<Integer, Questionnaire> load() {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Map<Integer, Questionnaire> versions = new TreeMap<>();
        for (int version : PUBLISHED) {
            String resource = "questionnaire/v" + version + ".json";
            try (InputStream in = Questionnaires.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing");
                }
                Questionnaire questionnaire = json.readValue(in, Questionnaire.class);
                if (questionnaire.version() != version) {
                    throw new IllegalStateException(resource + " declares version " + questionnaire.version());
                }
                versions.put(version, questionnaire);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return versions;
    }
}
