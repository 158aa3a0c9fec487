package com.skincareshop.contracts.texts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every customer-facing text in Tagalog and Latvian against {@code docs/glossary.md}: the questionnaire, the routine's
 * messages and the demo catalogue are complete in the three languages, keep their placeholders, leave nothing in
 * English that the glossary does not allow, use the glossary's term where the English text has the concept, and
 * none of the words it rules out. The files are read from the source tree: the build runs tests in the module folder.
 */
class GlossaryTest {

    private static final Path ROOT = Path.of("../..");
    private static final Path GLOSSARY = ROOT.resolve("docs/glossary.md");
    private static final Path MESSAGES = ROOT.resolve("recommendation-service/src/main/resources/messages");
    private static final Path CATALOGUE = ROOT.resolve("catalog-service/src/main/resources/demo/catalog.ndjson");
    private static final String QUESTIONNAIRE = "questionnaire/v1.json";

    private static final List<String> LANGUAGES = List.of("en", "tl", "lv");
    private static final List<String> TRANSLATIONS = List.of("tl", "lv");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One text in the three languages; {@code name}: a product's name, which names its own form. */
    record Text(String where, Map<String, String> byLanguage, boolean name, boolean messageFormat) {
        String in(String language) {
            return byLanguage.get(language);
        }
    }

    /** Where the English text matches {@code en}, the translation in each language matches one of its patterns. */
    record Required(
            String concept, List<Pattern> en, Map<String, List<Pattern>> byLanguage, Map<String, String> terms) {}

    record Forbidden(String language, List<Pattern> never, String use, String why) {}

    private static List<Text> texts;
    private static Map<String, List<String>> glossaryTables;

    @BeforeAll
    static void read() throws IOException {
        glossaryTables = tables(Files.readAllLines(GLOSSARY, StandardCharsets.UTF_8));
        texts = new ArrayList<>();
        texts.addAll(questionnaire());
        texts.addAll(messages());
        texts.addAll(catalogue());
    }

    @Test
    void readsEveryKindOfText() {
        assertThat(texts).filteredOn(t -> t.where().startsWith("questionnaire")).hasSizeGreaterThan(50);
        assertThat(texts).filteredOn(t -> t.where().startsWith("routine")).hasSizeGreaterThan(80);
        assertThat(texts).filteredOn(t -> t.where().startsWith("catalogue")).hasSizeGreaterThanOrEqualTo(100);
    }

    @Test
    void theGlossaryNamesTheCoreVocabulary() {
        List<String> core = glossaryTables.get("Core vocabulary").stream()
                .map(row -> cells(row).get(0))
                .toList();
        for (String concept : List.of(
                "sunscreen",
                "moisturizer",
                "cleanser",
                "serum",
                "combination skin",
                "oily skin",
                "dry skin",
                "sensitive skin",
                "dehydrated",
                "dullness",
                "dark spots",
                "fine lines",
                "firmness",
                "pores",
                "patch test",
                "morning",
                "evening",
                "every day")) {
            assertThat(core).as(concept).anyMatch(en -> en.contains(concept));
        }
        assertThat(required())
                .extracting(Required::concept)
                .contains("sunscreen", "moisturizer", "combination skin", "dehydrated", "dullness");
        assertThat(forbidden()).extracting(Forbidden::language).contains("tl", "lv");
    }

    @Test
    void theGlossarysPatternsMatchWholeWordsInAnyCaseAndEnding() {
        assertThat(patterns("`sauļošan*`")
                        .get(0)
                        .matcher("Sauļošanās līdzeklis")
                        .find())
                .isTrue();
        assertThat(patterns("`mitrinoš* krēm*`")
                        .get(0)
                        .matcher("iemaisiet mitrinošajā krēmā")
                        .find())
                .isTrue();
        assertThat(patterns("`tīrīšanas līdzek*`")
                        .get(0)
                        .matcher("attīrīšanas līdzeklis")
                        .find())
                .isFalse();
        assertThat(patterns("`oily`").get(0).matcher("Oil-Free na moisturizer").find())
                .isFalse();
        assertThat(patterns("`*tamlay*`")
                        .get(0)
                        .matcher("nagpapatamlay sa kutis")
                        .find())
                .isTrue();
        assertThat(patterns("`a, b c`")).hasSize(2);
    }

    @Test
    void everyTextIsInEveryLanguage() {
        List<String> missing = new ArrayList<>();
        for (Text text : texts) {
            for (String language : LANGUAGES) {
                String value = text.in(language);
                if (value == null || value.isBlank()) {
                    missing.add(text.where() + ": no " + language);
                }
            }
            if (!LANGUAGES.containsAll(text.byLanguage().keySet())) {
                missing.add(text.where() + ": languages " + text.byLanguage().keySet());
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void placeholdersAreTheSameInEveryLanguage() {
        List<String> differing = new ArrayList<>();
        for (Text text : texts) {
            Set<String> english = placeholders(text.in("en"));
            for (String language : TRANSLATIONS) {
                Set<String> translated = placeholders(text.in(language));
                if (!translated.equals(english)) {
                    differing.add(text.where() + " " + language + ": " + translated + " but en " + english);
                }
            }
        }
        assertThat(differing).isEmpty();
    }

    /**
     * A routine text with arguments is a MessageFormat pattern: a literal apostrophe is doubled, or it would quote
     * the text after it. One without arguments is shown as written, so a doubled apostrophe would show twice.
     */
    @Test
    void apostrophesFollowHowEachRoutineTextIsShown() {
        List<String> wrong = new ArrayList<>();
        Pattern apostrophes = Pattern.compile("'+");
        for (Text text : texts) {
            if (!text.messageFormat()) {
                continue;
            }
            for (String language : LANGUAGES) {
                String value = text.in(language);
                if (value == null) {
                    continue;
                }
                boolean pattern = !placeholders(text.in("en")).isEmpty();
                Matcher m = apostrophes.matcher(value);
                while (m.find()) {
                    int run = m.group().length();
                    if (pattern ? run % 2 != 0 : run > 1) {
                        wrong.add(text.where() + " " + language + ": " + value);
                        break;
                    }
                }
                if (pattern) { // a placeholder inside quotes would be shown as written
                    Object[] arguments = new Object[10];
                    Arrays.fill(arguments, "X");
                    String shown = new MessageFormat(value, Locale.ROOT).format(arguments);
                    if (shown.contains("{")) {
                        wrong.add(text.where() + " " + language + " is shown as: " + shown);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void nothingIsLeftInEnglish() {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (String row : glossaryTables.get("Texts that may stay as in English")) {
            List<String> cells = cells(row);
            allowed.computeIfAbsent(cells.get(0), k -> new TreeSet<>())
                    .add(cells.get(1).toLowerCase(Locale.ROOT));
        }
        List<String> untranslated = new ArrayList<>();
        for (Text text : texts) {
            String english = text.in("en");
            for (String language : TRANSLATIONS) {
                String translated = text.in(language);
                if (english == null
                        || translated == null
                        || !translated.strip().equalsIgnoreCase(english.strip())
                        || !translated.codePoints().anyMatch(Character::isLetter)) {
                    continue;
                }
                if (!allowed.getOrDefault(language, Set.of())
                        .contains(translated.strip().toLowerCase(Locale.ROOT))) {
                    untranslated.add(text.where() + " " + language + ": \"" + translated + "\"");
                }
            }
        }
        assertThat(untranslated).isEmpty();
    }

    @Test
    void theGlossaryTermIsUsedWhereTheConceptIs() {
        List<String> missing = new ArrayList<>();
        List<Required> rules = required();
        for (Text text : texts) {
            if (text.name() || text.in("en") == null) {
                continue;
            }
            for (Required rule : rules) {
                if (rule.en().stream().noneMatch(p -> p.matcher(text.in("en")).find())) {
                    continue;
                }
                for (String language : TRANSLATIONS) {
                    String translated = text.in(language);
                    if (translated != null
                            && rule.byLanguage().get(language).stream()
                                    .noneMatch(p -> p.matcher(translated).find())) {
                        missing.add(text.where() + " " + language + " has not the glossary's " + rule.concept() + " ("
                                + rule.terms().get(language) + "): " + translated);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void noTextUsesAWordTheGlossaryRulesOut() {
        List<String> found = new ArrayList<>();
        List<Forbidden> rules = forbidden();
        for (Text text : texts) {
            for (Forbidden rule : rules) {
                String translated = text.in(rule.language());
                if (translated == null) {
                    continue;
                }
                for (Pattern never : rule.never()) {
                    Matcher m = never.matcher(translated);
                    if (m.find()) {
                        found.add(text.where() + " " + rule.language() + ": \"" + m.group() + "\" (" + rule.why()
                                + (rule.use().isEmpty() ? "" : "; use " + rule.use()) + ")");
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    /** The market's labels stop at SPF 50+: a name never shows more, and a product above 50 is labelled 50+. */
    @Test
    void productNamesShowTheSpfAsLabelled() throws IOException {
        Pattern spf = Pattern.compile("SPF\\s*(\\d+)(\\+?)");
        List<String> wrong = new ArrayList<>();
        for (String line : Files.readAllLines(CATALOGUE, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode product = JSON.readTree(line);
            int measured = product.path("spf").asInt(0);
            Iterator<Map.Entry<String, JsonNode>> names = product.path("names").fields();
            while (names.hasNext()) {
                Map.Entry<String, JsonNode> name = names.next();
                Matcher m = spf.matcher(name.getValue().asText());
                while (m.find()) {
                    int shown = Integer.parseInt(m.group(1));
                    boolean plus = !m.group(2).isEmpty();
                    if (shown > 50 || measured > 50 && !(shown == 50 && plus)) {
                        wrong.add(product.path("sku").asText() + " " + name.getKey() + ": "
                                + name.getValue().asText());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    // ---- the texts -----------------------------------------------------------------------------------------------

    private static List<Text> questionnaire() throws IOException {
        List<Text> found = new ArrayList<>();
        try (InputStream in = GlossaryTest.class.getClassLoader().getResourceAsStream(QUESTIONNAIRE)) {
            assertThat(in).as(QUESTIONNAIRE).isNotNull();
            walk(JSON.readTree(in), "questionnaire", found);
        }
        return found;
    }

    /** Every object with an English text is a text in the three languages. */
    private static void walk(JsonNode node, String where, List<Text> found) {
        if (node.isObject() && node.path("en").isTextual()) {
            Map<String, String> byLanguage = new LinkedHashMap<>();
            node.fields()
                    .forEachRemaining(
                            e -> byLanguage.put(e.getKey(), e.getValue().asText(null)));
            found.add(new Text(where, byLanguage, false, false));
            return;
        }
        if (node.isObject()) {
            String id = node.has("id")
                    ? node.get("id").asText()
                    : node.has("code") ? node.get("code").asText() : null;
            String here = id == null ? where : where + "[" + id + "]";
            node.fields().forEachRemaining(e -> walk(e.getValue(), here + "." + e.getKey(), found));
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walk(element, where, found);
            }
        }
    }

    private static List<Text> messages() throws IOException {
        Map<String, Properties> byLanguage = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            Properties properties = new Properties();
            String file = language.equals("en") ? "routine.properties" : "routine_" + language + ".properties";
            try (Reader reader = Files.newBufferedReader(MESSAGES.resolve(file), StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            byLanguage.put(language, properties);
        }
        Set<String> keys = new TreeSet<>();
        byLanguage.values().forEach(p -> keys.addAll(p.stringPropertyNames()));
        List<Text> found = new ArrayList<>();
        for (String key : keys) {
            Map<String, String> values = new LinkedHashMap<>();
            byLanguage.forEach((language, properties) -> values.put(language, properties.getProperty(key)));
            found.add(new Text("routine " + key, values, false, true));
        }
        return found;
    }

    private static List<Text> catalogue() throws IOException {
        List<Text> found = new ArrayList<>();
        for (String line : Files.readAllLines(CATALOGUE, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode product = JSON.readTree(line);
            String sku = product.path("sku").asText();
            found.add(new Text("catalogue " + sku + " name", strings(product.path("names")), true, false));
            found.add(
                    new Text("catalogue " + sku + " description", strings(product.path("descriptions")), false, false));
        }
        return found;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText(null)));
        return values;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        if (text != null) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }

    // ---- the glossary ----------------------------------------------------------------------------------------------

    private static List<Required> required() {
        List<Required> rules = new ArrayList<>();
        for (String row : glossaryTables.get("Terms the texts must use")) {
            List<String> cells = cells(row);
            rules.add(new Required(
                    cells.get(0),
                    patterns(cells.get(1)),
                    Map.of("tl", patterns(cells.get(2)), "lv", patterns(cells.get(3))),
                    Map.of("tl", cells.get(2), "lv", cells.get(3))));
        }
        return rules;
    }

    private static List<Forbidden> forbidden() {
        List<Forbidden> rules = new ArrayList<>();
        for (String row : glossaryTables.get("Words the texts must not use")) {
            List<String> cells = cells(row);
            rules.add(new Forbidden(cells.get(0), patterns(cells.get(1)), cells.get(2), cells.get(3)));
        }
        return rules;
    }

    /** The body rows of the first table under each {@code ## } heading. */
    private static Map<String, List<String>> tables(List<String> lines) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        String heading = null;
        boolean header = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                heading = line.substring(3).strip();
                tables.put(heading, new ArrayList<>());
                header = true;
            } else if (heading != null && line.startsWith("|")) {
                if (header) {
                    header = false; // the column names
                } else if (!line.matches("\\|[-| :]+\\|")) {
                    tables.get(heading).add(line);
                }
            }
        }
        return tables;
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.length() - 1);
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /**
     * {@code `a*, b c`}: alternatives separated by commas; {@code *} is any letters; whole words; any case.
     */
    private static List<Pattern> patterns(String cell) {
        List<Pattern> patterns = new ArrayList<>();
        for (String alternative : cell.replace("`", "").split(",")) {
            String term = alternative.strip();
            if (term.isEmpty()) {
                continue;
            }
            StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
            for (String part : term.split("(?<=\\*)|(?=\\*)|(?<=\\s)|(?=\\s)")) {
                if (part.equals("*")) {
                    regex.append("\\p{L}*");
                } else if (part.isBlank()) {
                    regex.append("\\s+");
                } else {
                    regex.append(Pattern.quote(part));
                }
            }
            regex.append("(?![\\p{L}\\p{N}])");
            patterns.add(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return patterns;
    }
}
