package com.skincareshop.platform.testing;

import com.skincareshop.contracts.events.KafkaAccess;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;

/**
 * The passwords of a test or local broker: the admin's, a static PLAIN user of the broker's own JAAS configuration
 * (the broker and its controller authenticate with it, and tests create topics, users and ACLs with it; the only
 * super user), and one per principal of {@link KafkaAccess}, SCRAM-SHA-512 credentials the broker is given through
 * the Admin API once it runs. Generated for each test broker; the local run keeps its own in {@code .local/}.
 */
public final class KafkaCredentials {

    /** The broker's own principal and the tests' administrator: {@code User:admin}, the only super user. */
    public static final String ADMIN = "admin";
    /** SASL without TLS: test and local brokers listen on loopback or a private container network only. */
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    public static final String PLAIN_MECHANISM = "PLAIN";

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String adminPassword;
    private final Map<String, String> passwords;

    private KafkaCredentials(String adminPassword, Map<String, String> passwords) {
        this.adminPassword = adminPassword;
        this.passwords = Map.copyOf(passwords);
    }

    /** New random passwords, for the admin and every principal. */
    public static KafkaCredentials generate() {
        Map<String, String> passwords = new LinkedHashMap<>();
        KafkaAccess.principals().forEach(p -> passwords.put(p.name(), randomPassword()));
        return new KafkaCredentials(randomPassword(), passwords);
    }

    /**
     * The passwords kept in {@code file} (readable by its owner only), generated and written there the first time;
     * a principal added to {@link KafkaAccess} since gets its password then.
     */
    public static KafkaCredentials loadOrGenerate(Path file) {
        try {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(reader);
                }
            }
            KafkaCredentials generated = generate();
            String admin = stored.getProperty(ADMIN, generated.adminPassword);
            Map<String, String> passwords = new LinkedHashMap<>();
            KafkaAccess.principals()
                    .forEach(p -> passwords.put(p.name(), stored.getProperty(p.name(), generated.password(p.name()))));
            KafkaCredentials credentials = new KafkaCredentials(admin, passwords);
            credentials.store(file);
            return credentials;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Kafka credentials in " + file, e);
        }
    }

    private void store(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Properties properties = new Properties();
        properties.setProperty(ADMIN, adminPassword);
        properties.putAll(passwords);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "Kafka passwords of the local broker: admin (PLAIN), one per principal (SCRAM)");
        }
    }

    String adminPassword() {
        return adminPassword;
    }

    /** The SCRAM password of a principal of {@link KafkaAccess}. */
    String password(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new NoSuchElementException("no Kafka principal " + principal);
        }
        return password;
    }

    /** A client's authentication as this principal of {@link KafkaAccess}: SCRAM-SHA-512. */
    public Map<String, String> client(String principal) {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                SECURITY_PROTOCOL,
                SaslConfigs.SASL_MECHANISM,
                SCRAM_MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG,
                jaas(ScramLoginModule.class.getName(), principal, password(principal)));
    }

    /** A client's authentication as the admin: PLAIN. */
    public Map<String, String> admin() {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                SECURITY_PROTOCOL,
                SaslConfigs.SASL_MECHANISM,
                PLAIN_MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG,
                jaas(PlainLoginModule.class.getName(), ADMIN, adminPassword));
    }

    /** The passwords are letters and digits: nothing to escape in JAAS, properties or environment variables. */
    static String jaas(String loginModule, String username, String password) {
        return loginModule + " required username=\"" + username + "\" password=\"" + password + "\";";
    }

    private static String randomPassword() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
