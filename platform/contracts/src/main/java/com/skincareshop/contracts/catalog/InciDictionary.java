package com.skincareshop.contracts.catalog;

import com.skincareshop.contracts.vocabulary.Active;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the INCI names of a label mean: which ingredient each names, however the label spells it, and the active
 * class of that ingredient, if it has one. The knowledge is data, two tables a dermatologist can review without
 * reading code: {@code inci/dictionary.tsv} (ingredients, their synonyms and classes) and
 * {@code inci/class-names.tsv} (what a customer may call a whole class). The catalogue derives a product's actives
 * with it and the engine matches what a customer avoids with it, so that both read labels alike.
 *
 * <p>A name as printed on a label is read in these steps:
 * <ol>
 * <li>footnote marks ("Aloe Barbadensis Leaf Juice*") go; case, accents, dash variants and spacing fold;
 *     "C.I. 77891" becomes "CI 77891"; "&amp;" and "(and)" become "and"; a percentage ("Niacinamide 10%",
 *     "Retinol (0.3%)") is read and removed, and so are stray dots and commas at the ends;</li>
 * <li>the name is looked up whole, then without its parenthesised parts ("Retinol (Vitamin A)"), then as each of
 *     them ("Vitamin C (Ascorbic Acid)"); each of these also as each of its alternatives between slashes
 *     ("Aqua/Water/Eau"), and each candidate also without an "L-", "D-" or "DL-" prefix ("L-Lactic Acid");</li>
 * <li>a line still unknown that joins names with "and" is a mixture, each part read on its own.</li>
 * </ol>
 */
public final class InciDictionary {

    /** An ingredient of the dictionary: its canonical INCI name, and its active class, null when it has none. */
    public record Entry(String canonical, Active active) {}

    /**
     * An active listed after this position (counting from 1) without a declared strength is a trace. Merchandisers
     * declare the strength of the actives a product is sold for; one that comes this late in a list ordered by
     * concentration, with no strength, is a humectant, an antioxidant protecting the formula or a pinch for the
     * label: it counts for the safety rules, but treats nothing.
     */
    public static final int TRACE_AFTER_POSITION = 5;
    /**
     * Signal peptides and growth factors work in parts per million and always stand far down a list: for them a
     * late place without a percentage is the normal dose, not a trace.
     */
    private static final Set<Active> ACTIVE_IN_SMALL_AMOUNTS = EnumSet.of(Active.PEPTIDES, Active.GROWTH_FACTORS);

    private static final String DICTIONARY = "/inci/dictionary.tsv";
    private static final String CLASS_NAMES = "/inci/class-names.tsv";

    /** Citric acid is an AHA chemically, but below 1% or without a declared strength it only adjusts the pH. */
    private static final String PH_ADJUSTER = "Citric Acid";

    private static final BigDecimal PH_ADJUSTER_CEILING = BigDecimal.ONE;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private static final Pattern FOOTNOTE_MARKS = Pattern.compile("[*†‡°¹²³⁴⁵⁶⁷⁸⁹]");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DASHES = Pattern.compile("[\u2010-\u2015\u2212\uFE58]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern AROUND_JOINERS = Pattern.compile(" ?([-/]) ?");
    private static final Pattern AFTER_OPENING = Pattern.compile("\\( ");
    private static final Pattern BEFORE_CLOSING = Pattern.compile(" \\)");
    private static final Pattern COLOUR_INDEX = Pattern.compile("(?<![a-z0-9])c\\.? ?i\\.? ?(\\d{5})(?!\\d)");
    private static final Pattern AND = Pattern.compile(" ?(?:&|\\(and\\)) ?");
    private static final Pattern PERCENT = Pattern.compile("[<≤]? ?(\\d+(?:[.,]\\d+)?) ?%");
    private static final Pattern EMPTY_PARENTHESES = Pattern.compile("\\( ?\\)");
    private static final Pattern PARENTHESISED = Pattern.compile("\\(([^()]*)\\)");
    private static final Pattern STEREO_PREFIX = Pattern.compile("(?:dl|d|l)-(.+)");
    private static final Pattern LOOSE_ENDS = Pattern.compile("^[ .,;:]+|[ .,;:]+$");
    private static final String MIXTURE_JOINER = " and ";

    /** Every entry, in table order. */
    private static final List<Entry> ENTRIES = new ArrayList<>();
    /** Entries by the folded form of each of their names. */
    private static final Map<String, Entry> ENTRY_BY_NAME = new HashMap<>();
    /** The folded canonical name of each entry: what {@link #normalize} gives for any of its names. */
    private static final Map<Entry, String> KEY_OF = new HashMap<>();

    private static final Map<String, Active> CLASS_BY_NAME = new HashMap<>();

    /**
     * Label names already read. Reading one takes a dozen pattern passes, and a catalogue repeats a few hundred
     * names over and over. Bounded: past the cap, a name not read yet is read each time.
     */
    private static final Map<String, List<Part>> READ = new ConcurrentHashMap<>();

    private static final int READ_CAP = 50_000;

    static {
        for (Row row : rows(DICTIONARY)) {
            if (row.columns().size() < 2 || row.columns().size() > 3) {
                throw row.invalid("expected 2 or 3 tab-separated columns: name, class or -, synonyms");
            }
            String active = row.columns().get(1).strip();
            Entry entry = new Entry(row.columns().get(0).strip(), active.equals("-") ? null : row.active(active));
            List<String> names = new ArrayList<>(List.of(entry.canonical()));
            if (row.columns().size() == 3) {
                Arrays.stream(row.columns().get(2).split("\\|"))
                        .map(String::strip)
                        .forEach(names::add);
            }
            for (String name : names) {
                String key = key(name);
                // a label's parentheses and "&" or "and" are read before names are compared: a name cannot hold them
                if (key.isEmpty() || key.contains("(") || key.contains("&") || key.contains(MIXTURE_JOINER)) {
                    throw row.invalid("'" + name + "' could match no label: a name holds no parentheses, & or and");
                }
                Entry earlier = ENTRY_BY_NAME.putIfAbsent(key, entry);
                if (earlier != null) {
                    throw row.invalid("'" + name + "' is already a name of " + earlier.canonical());
                }
            }
            ENTRIES.add(entry);
            KEY_OF.put(entry, key(entry.canonical()));
        }
        for (Row row : rows(CLASS_NAMES)) {
            if (row.columns().size() != 2) {
                throw row.invalid("expected 2 tab-separated columns: name, class");
            }
            String name = row.columns().get(0);
            if (CLASS_BY_NAME.putIfAbsent(
                            fold(name), row.active(row.columns().get(1).strip()))
                    != null) {
                throw row.invalid("'" + name + "' is listed twice");
            }
        }
    }

    private InciDictionary() {}

    /**
     * The key a label name compares by: the folded canonical name of the ingredient it names, so that spellings
     * and synonyms of one ingredient ("Aqua", "Water"; "L-Ascorbic Acid", "ascorbic acid 10%") are equal. A name the
     * dictionary does not know is folded as text: case, accents, dashes, spacing, footnote marks and percentages
     * fold or go, parentheses stay.
     */
    public static String normalize(String labelName) {
        List<Part> parts = parts(labelName);
        return parts.size() == 1
                ? parts.get(0).key()
                : parts.stream().map(Part::key).collect(Collectors.joining(MIXTURE_JOINER));
    }

    /**
     * The ingredient a label name stands for. For a mixture ("Retinol &amp; Bakuchiol"), known only when each part
     * is: its first part with an active class, else its first part.
     */
    public static Optional<Entry> lookup(String labelName) {
        List<Part> parts = parts(labelName);
        Entry first = null;
        for (Part part : parts) {
            if (part.entry() == null) {
                return Optional.empty();
            }
            if (first == null || (first.active() == null && part.entry().active() != null)) {
                first = part.entry();
            }
        }
        return Optional.ofNullable(first);
    }

    /** The active class of one label name, if it has one. */
    public static Optional<Active> activeOf(String labelName) {
        return lookup(labelName).map(Entry::active);
    }

    /**
     * The actives of a formula, given in label order: one per canonical ingredient of an active class, in order of
     * first appearance. Its strength is the declared percentage (of the ingredient, else the one its name states),
     * summed when the form is listed twice under two of its names, null when none is declared. Without a strength
     * and after {@link #TRACE_AFTER_POSITION} it is a trace; citric acid as a pH adjuster is no active at all.
     */
    public static List<ActiveStrength> derive(Collection<Ingredient> ingredients) {
        Map<String, ActiveStrength> byForm = new LinkedHashMap<>();
        int position = 0;
        for (Ingredient ingredient : ingredients) {
            position++;
            for (Part part : parts(ingredient.inci())) {
                Entry entry = part.entry();
                if (entry == null || entry.active() == null) {
                    continue;
                }
                BigDecimal percent = ingredient.percent() != null ? ingredient.percent() : part.percent();
                if (isPhAdjuster(entry, percent)) {
                    continue;
                }
                boolean trace = percent == null
                        && position > TRACE_AFTER_POSITION
                        && !ACTIVE_IN_SMALL_AMOUNTS.contains(entry.active());
                byForm.merge(
                        entry.canonical(),
                        new ActiveStrength(entry.active(), percent, entry.canonical(), trace),
                        InciDictionary::together);
            }
        }
        return List.copyOf(byForm.values());
    }

    /** The label names, as given and in order, that the dictionary does not know (a mixture: any of its parts). */
    public static List<String> unrecognized(Collection<Ingredient> ingredients) {
        List<String> unknown = new ArrayList<>();
        for (Ingredient ingredient : ingredients) {
            if (parts(ingredient.inci()).stream().anyMatch(part -> part.entry() == null)) {
                unknown.add(ingredient.inci());
            }
        }
        return List.copyOf(unknown);
    }

    /**
     * The class a customer means by a name for a whole class ("fragrance", "retinoids", "Retinol (bitamina A)").
     * Read as written, ignoring case, accents and spacing: a plain INCI name such as "Retinol" is no class name.
     */
    public static Optional<Active> classNamed(String customerText) {
        return Optional.ofNullable(CLASS_BY_NAME.get(fold(customerText)));
    }

    /** The canonical INCI names of a class, sorted: "avoid retinoids" excludes all of them. */
    public static List<String> inciNamesOf(Active active) {
        return ENTRIES.stream()
                .filter(entry -> entry.active() == active)
                .map(Entry::canonical)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    /** One ingredient named on a label line: its name as read, its entry (null: unknown), the strength it states. */
    private record Part(String name, Entry entry, BigDecimal percent) {

        String key() {
            return entry == null ? name : KEY_OF.get(entry);
        }
    }

    private static List<Part> parts(String labelName) {
        List<Part> parts = READ.get(labelName);
        if (parts == null) {
            parts = read(labelName);
            if (READ.size() < READ_CAP) {
                READ.put(labelName, parts);
            }
        }
        return parts;
    }

    private static List<Part> read(String labelName) {
        String text = fold(FOOTNOTE_MARKS.matcher(labelName).replaceAll(" "));
        text = COLOUR_INDEX.matcher(text).replaceAll("ci $1");
        text = SPACES.matcher(AND.matcher(text).replaceAll(MIXTURE_JOINER))
                .replaceAll(" ")
                .strip();
        Part whole = part(text);
        if (whole.entry() != null) {
            return List.of(whole);
        }
        List<String> mixed = mixtureParts(text);
        return mixed.size() < 2
                ? List.of(whole)
                : mixed.stream().map(InciDictionary::part).toList();
    }

    private static Part part(String text) {
        Matcher percent = PERCENT.matcher(text);
        BigDecimal stated = percent.find() ? new BigDecimal(percent.group(1).replace(',', '.')) : null;
        String name = tidy(EMPTY_PARENTHESES.matcher(percent.replaceAll("")).replaceAll(""));
        return new Part(name, resolve(name), stated == null || stated.compareTo(HUNDRED) > 0 ? null : stated);
    }

    /** The names a folded label name may stand for, in the order of the class comment, and the first known. */
    private static Entry resolve(String name) {
        List<String> readings = new ArrayList<>(List.of(name));
        Matcher parenthesised = PARENTHESISED.matcher(name);
        if (parenthesised.find()) {
            readings.add(tidy(PARENTHESISED.matcher(name).replaceAll(" ")));
            do {
                readings.add(tidy(parenthesised.group(1)));
            } while (parenthesised.find());
        }
        for (String reading : readings) {
            Entry entry = find(reading);
            if (entry == null && reading.indexOf('/') >= 0) {
                for (String alternative : reading.split("/")) {
                    entry = find(tidy(alternative));
                    if (entry != null) {
                        break;
                    }
                }
            }
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    private static Entry find(String name) {
        Entry entry = ENTRY_BY_NAME.get(name);
        if (entry == null) {
            Matcher prefixed = STEREO_PREFIX.matcher(name);
            if (prefixed.matches()) {
                entry = ENTRY_BY_NAME.get(prefixed.group(1));
            }
        }
        return entry;
    }

    /** The parts of a mixture, split at "and" outside parentheses. */
    private static List<String> mixtureParts(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && text.startsWith(MIXTURE_JOINER, i)) {
                parts.add(text.substring(start, i));
                start = i + MIXTURE_JOINER.length();
            }
        }
        parts.add(text.substring(start));
        return parts.stream()
                .map(InciDictionary::tidy)
                .filter(part -> !part.isEmpty())
                .toList();
    }

    /** Case, accents, dash variants, brackets and spacing: what every spelling of one name has in common. */
    private static String fold(String text) {
        String folded = COMBINING_MARKS
                .matcher(Normalizer.normalize(text, Normalizer.Form.NFKD))
                .replaceAll("");
        folded = DASHES.matcher(folded)
                .replaceAll("-")
                .replace('[', '(')
                .replace(']', ')')
                .toLowerCase(Locale.ROOT);
        folded = SPACES.matcher(folded).replaceAll(" ").strip();
        folded = AROUND_JOINERS.matcher(folded).replaceAll("$1");
        return BEFORE_CLOSING
                .matcher(AFTER_OPENING.matcher(folded).replaceAll("("))
                .replaceAll(")");
    }

    /** A dictionary name as labels are matched with it. */
    private static String key(String name) {
        return tidy(fold(name));
    }

    /** Without the stray dots, commas and spaces a copied label leaves at the ends, and with single spaces. */
    private static String tidy(String name) {
        return LOOSE_ENDS.matcher(SPACES.matcher(name).replaceAll(" ")).replaceAll("");
    }

    private static boolean isPhAdjuster(Entry entry, BigDecimal percent) {
        return entry.canonical().equals(PH_ADJUSTER) && (percent == null || percent.compareTo(PH_ADJUSTER_CEILING) < 0);
    }

    /** The same form listed twice: the strengths add up, and it is a trace only if both are. */
    private static ActiveStrength together(ActiveStrength first, ActiveStrength second) {
        BigDecimal percent = first.percent() == null
                ? second.percent()
                : second.percent() == null ? first.percent() : first.percent().add(second.percent());
        return new ActiveStrength(first.code(), percent, first.form(), first.trace() && second.trace());
    }

    /** A data line of one of the tables, for reading it and for saying where it is wrong. */
    private record Row(String table, int number, List<String> columns) {

        Active active(String code) {
            try {
                return Active.valueOf(code);
            } catch (IllegalArgumentException e) {
                throw invalid("'" + code + "' is no active class; use one of " + Arrays.toString(Active.values()));
            }
        }

        IllegalStateException invalid(String problem) {
            return new IllegalStateException(table + " line " + number + ": " + problem);
        }
    }

    private static List<Row> rows(String table) {
        InputStream in = InciDictionary.class.getResourceAsStream(table);
        if (in == null) {
            throw new IllegalStateException(table + " is missing from the classpath");
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(new Row(table, number, List.of(line.split("\t"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
