package com.skincareshop.contracts.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: a user has the repository and nothing else. No text file points at documents kept
 * outside it (a sibling folder of the checkout, the team's internal design and domain notes) or at tracker issue
 * numbers, and every relative link of the Markdown documents leads to a file of the repository (and, for a
 * {@code #heading}, to a heading of that file). Facts belong in {@code docs/}; see docs/design.md.
 *
 * <p>The files are the ones git tracks, plus new files git would add; without git (a source archive) every file
 * under the root outside build output. The build runs tests in the module folder, so the root is two levels up.
 */
class StandAloneRepositoryTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    /**
     * What must not appear. Written in pieces so that this file does not match itself.
     */
    private static final List<Pattern> OUTSIDE_REFERENCES = List.of(
            Pattern.compile("\\.\\./" + "shared"),
            Pattern.compile("/work/" + "shared"),
            Pattern.compile("\\bDESIGN" + "\\.md\\b"),
            Pattern.compile("\\bDOMAIN" + "\\.md\\b"),
            Pattern.compile("(?i)(?<![-\\w])iss" + "ues?\\s+#?\\d+"),
            Pattern.compile("(?i)\\b(?:iss" + "ue|ticket|bug|gh)[-\\s]?#\\d+"));

    private static final Set<String> BINARY_ENDINGS = Set.of(
            ".jar", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".pdf", ".zip", ".gz", ".tgz", ".class", ".woff", ".woff2",
            ".ttf", ".p12", ".jks", ".der");

    /** {@code [text](target)} or {@code [text](target "title")}; images too. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    private static List<Path> files;

    @BeforeAll
    static void listFiles() throws IOException, InterruptedException {
        files = gitFiles();
        if (files == null) {
            try (Stream<Path> walk = Files.walk(ROOT)) {
                files = walk.filter(Files::isRegularFile)
                        .map(ROOT::relativize)
                        .filter(p -> Stream.of(".git", "target", ".local", "node_modules")
                                .noneMatch(skip -> startsWithSegment(p, skip)))
                        .toList();
            }
        }
    }

    @Test
    void readsTheWholeRepository() {
        assertThat(files)
                .contains(
                        Path.of("README.md"), Path.of("docs/design.md"), Path.of("docs/domain.md"), Path.of("pom.xml"));
        assertThat(files).hasSizeGreaterThan(200);
    }

    @Test
    void noTextPointsOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = textLines(file);
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern pattern : OUTSIDE_REFERENCES) {
                    Matcher m = pattern.matcher(lines.get(i));
                    if (m.find()) {
                        found.add(file + ":" + (i + 1) + ": \"" + m.group() + "\" in: "
                                + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(found)
                .as("references to documents outside the repository or to issue numbers; state the fact, or point to"
                        + " docs/ (design.md, domain.md, operations.md...)")
                .isEmpty();
    }

    @Test
    void everyRelativeLinkOfTheDocumentsLeadsToAFile() throws IOException {
        List<Path> documents = files.stream()
                .filter(p -> p.toString().endsWith(".md"))
                .filter(p -> p.getNameCount() == 1
                        || p.startsWith("docs")
                        || p.getFileName().toString().equals("README.md"))
                .toList();
        assertThat(documents).contains(Path.of("README.md"), Path.of("docs/design.md"));
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path document : documents) {
            List<String> lines = withoutCode(textLines(document));
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(lines.get(i));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
                        continue; // https:, mailto: ...
                    }
                    links++;
                    String problem = brokenLink(document, target);
                    if (problem != null) {
                        broken.add(document + ":" + (i + 1) + ": " + target + " (" + problem + ")");
                    }
                }
            }
        }
        assertThat(links).as("relative links found").isGreaterThan(20);
        assertThat(broken).as("relative links that lead nowhere").isEmpty();
    }

    private static String brokenLink(Path document, String target) throws IOException {
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty()
                ? document
                : (document.getParent() == null
                                ? Path.of(pathPart)
                                : document.getParent().resolve(pathPart))
                        .normalize();
        if (resolved.startsWith("..")) {
            return "outside the repository";
        }
        if (!Files.exists(ROOT.resolve(resolved))) {
            return "no such file";
        }
        if (anchor != null
                && !anchor.isEmpty()
                && resolved.toString().endsWith(".md")
                && !anchors(ROOT.resolve(resolved)).contains(anchor)) {
            return "no heading #" + anchor + " in " + resolved;
        }
        return null;
    }

    /** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as dashes. */
    private static Set<String> anchors(Path document) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String line : withoutCode(Files.readAllLines(document, StandardCharsets.UTF_8))) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String slug = m.group(1)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                String unique = slug;
                for (int n = 1; !seen.add(unique); n++) {
                    unique = slug + "-" + n;
                }
                anchors.add(unique);
            }
        }
        return anchors;
    }

    /** The lines outside fenced code blocks (links and headings there are examples, not links). */
    private static List<String> withoutCode(List<String> lines) {
        List<String> kept = new ArrayList<>();
        boolean inFence = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
                kept.add("");
                continue;
            }
            kept.add(inFence ? "" : line);
        }
        return kept;
    }

    /** The file's lines, or none for a binary file. */
    private static List<String> textLines(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (BINARY_ENDINGS.stream().anyMatch(name::endsWith)) {
            return List.of();
        }
        Path absolute = ROOT.resolve(file);
        if (!Files.isRegularFile(absolute)) {
            return List.of(); // listed by git, deleted in the work tree
        }
        byte[] bytes = Files.readAllBytes(absolute);
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return List.of();
            }
        }
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }

    /** What git tracks, plus new files it does not ignore; null without git or outside a work tree. */
    private static List<Path> gitFiles() throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(ROOT.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out;
            try (InputStream in = git.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return null;
            }
            List<Path> listed = new ArrayList<>();
            for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                if (!name.isEmpty()) {
                    listed.add(Path.of(name));
                }
            }
            return listed.isEmpty() ? null : listed;
        } catch (IOException noGit) {
            return null;
        }
    }

    private static boolean startsWithSegment(Path path, String segment) {
        for (Path part : path) {
            if (part.toString().equals(segment)) {
                return true;
            }
        }
        return false;
    }
}
