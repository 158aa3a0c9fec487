package com.skincareshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.skincareshop.platform.testing.TokenIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No packaged service carries the development key pair: not as a file, not inside any jar of its
 * {@code target/quarkus-app} (what its image copies), in neither PEM nor binary form. The key lives in
 * platform-testing, on the test class path only; the scan is shown to find it there.
 */
class ShippedArtifactsTest {

    /** Lines of the keys' PEM bodies past the first: the first lines are alike for every RSA key of this size. */
    private static final List<String> KEY_LINES = Stream.concat(
                    pemLines("dev-jwt/public-key.pem").stream(), pemLines("dev-jwt/private-key.pem").stream())
            .toList();
    /** 32 bytes of the key's modulus, as any binary encoding of either half (DER, a key store) holds them. */
    private static final String MODULUS_BYTES = new String(
            Arrays.copyOfRange(
                    TokenIssuer.development().publicKey().getModulus().toByteArray(), 101, 133),
            StandardCharsets.ISO_8859_1);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"catalog-service", "profile-service", "recommendation-service"})
    void theServiceShipsNoDevelopmentKey(String service) throws IOException {
        Path app = RunningStack.ROOT.resolve(service).resolve("target/quarkus-app");
        assertThat(app.resolve("quarkus-run.jar"))
                .as("the packaged service (./mvnw package)")
                .exists();
        List<String> found = new ArrayList<>();
        int jars;
        try (Stream<Path> files = Files.walk(app)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            jars = (int) all.stream().filter(f -> f.toString().endsWith(".jar")).count();
            for (Path file : all) {
                found.addAll(file.toString().endsWith(".jar") ? inJar(file) : inFile(file));
            }
        }
        assertThat(jars).as("jars scanned").isGreaterThan(50);
        assertThat(found).as("development key material in " + app).isEmpty();
    }

    @Test
    void theScanFindsTheKeyWhereItLives() throws IOException {
        URL resource = getClass().getClassLoader().getResource("dev-jwt/private-key.pem");
        assertThat(resource).isNotNull();
        assertThat(resource.getProtocol())
                .as("platform-testing's jar, as the reactor builds it")
                .isIn("jar", "file");
        Path where = resource.getProtocol().equals("jar")
                ? Path.of(((JarURLConnection) resource.openConnection())
                        .getJarFileURL()
                        .getPath())
                : Path.of(resource.getPath());
        List<String> found = where.toString().endsWith(".jar") ? inJar(where) : inFile(where);
        assertThat(found).isNotEmpty();
    }

    private static List<String> inJar(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().contains("dev-jwt")) {
                    found.add(jar + "!/" + entry.getName());
                }
                if (!entry.isDirectory()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        if (holdsKey(in.readAllBytes())) {
                            found.add(jar + "!/" + entry.getName());
                        }
                    }
                }
            }
        }
        return found;
    }

    private static List<String> inFile(Path file) throws IOException {
        return holdsKey(Files.readAllBytes(file)) ? List.of(file.toString()) : List.of();
    }

    private static boolean holdsKey(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        return text.contains(MODULUS_BYTES) || KEY_LINES.stream().anyMatch(text::contains);
    }

    private static List<String> pemLines(String resource) {
        try (InputStream in = ShippedArtifactsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the test class path").isNotNull();
            List<String> lines = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n"))
                    .filter(l -> !l.startsWith("-----") && l.length() == 64)
                    .toList();
            return lines.subList(1, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
