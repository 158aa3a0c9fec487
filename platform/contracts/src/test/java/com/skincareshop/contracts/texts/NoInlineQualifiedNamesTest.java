package com.skincareshop.contracts.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code names types by their simple names, imported once at the top: {@code com.acme.Thing} written inline hides what a
 * file depends on and makes lines hard to read. A qualified name stays only where it must, when two types of one simple
 * name meet in a file (an import, a type declared there, or another qualified name of the same simple name). Comments
 * and string literals are not code and are not looked at.
 */
class NoInlineQualifiedNamesTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private static final Pattern QUALIFIED =
            Pattern.compile("(?<![\\w.])((?:java|javax|jakarta|org|com|io|net)(?:\\.[a-z][a-z0-9_]*)+)\\.([A-Z]\\w*)");
    private static final Pattern IMPORT =
            Pattern.compile("(?m)^\\s*import\\s+(?!static\\s)([\\w.]+)\\.([A-Z]\\w*)\\s*;");
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^\\s*(?:import|package)\\s[^;]*;");
    private static final Pattern DECLARED_TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");

    @Test
    void codeNamesTypesByTheirImportedSimpleNames() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            sources = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> Stream.of(".git", "target", ".local", "node_modules")
                            .noneMatch(skip -> ROOT.relativize(p).toString().startsWith(skip + "/")
                                    || ROOT.relativize(p).toString().contains("/" + skip + "/")))
                    .toList();
        }
        assertThat(sources).hasSizeGreaterThan(200);
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            String code = codeOnly(Files.readString(source, StandardCharsets.UTF_8));
            found.addAll(inlineQualifiedNames(ROOT.relativize(source).toString(), code));
        }
        assertThat(found)
                .as("inline fully-qualified type names: import the type and use its simple name")
                .isEmpty();
    }

    @Test
    void findsAnInlineNameAndLeavesAClashAlone() {
        String inline = "import java.util.List;\nclass A { java.time.Duration d; List<String> l; }";
        assertThat(inlineQualifiedNames("A.java", codeOnly(inline))).hasSize(1);
        String clash = "import java.util.List;\nclass A { java.awt.List awt; List<String> l; }";
        assertThat(inlineQualifiedNames("A.java", codeOnly(clash))).isEmpty();
        String twoQualified = "class A { com.a.Locale x; com.b.Locale y; }";
        assertThat(inlineQualifiedNames("A.java", codeOnly(twoQualified))).isEmpty();
        String inText = "class A { String s = \"see java.time.Duration\"; /** {@link java.time.Duration} */ int i; }";
        assertThat(inlineQualifiedNames("A.java", codeOnly(inText))).isEmpty();
    }

    private static List<String> inlineQualifiedNames(String file, String code) {
        Map<String, Set<String>> packagesBySimpleName = new HashMap<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            packagesBySimpleName
                    .computeIfAbsent(imports.group(2), k -> new HashSet<>())
                    .add(imports.group(1));
        }
        Set<String> declared = new HashSet<>();
        Matcher types = DECLARED_TYPE.matcher(code);
        while (types.find()) {
            declared.add(types.group(1));
        }
        String body = HEADER_LINE.matcher(code).replaceAll("");
        List<QualifiedName> uses = new ArrayList<>();
        Matcher qualified = QUALIFIED.matcher(body);
        while (qualified.find()) {
            QualifiedName use = new QualifiedName(qualified.group(1), qualified.group(2));
            packagesBySimpleName
                    .computeIfAbsent(use.simpleName(), k -> new HashSet<>())
                    .add(use.packageName());
            uses.add(use);
        }
        List<String> found = new ArrayList<>();
        for (QualifiedName use : uses) {
            boolean clash = declared.contains(use.simpleName())
                    || packagesBySimpleName.get(use.simpleName()).size() > 1;
            if (!clash) {
                found.add(file + ": " + use.packageName() + "." + use.simpleName());
            }
        }
        return found;
    }

    private record QualifiedName(String packageName, String simpleName) {}

    /** The source with comments, string, text-block and character literals blanked out. */
    static String codeOnly(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                code.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                i = end < 0 ? n : end + 3;
                code.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(j + 1, n);
                code.append(c).append(c);
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }
}
