package com.skincareshop.systemtests;

import com.skincareshop.platform.stack.Stack;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.OpenApiConformance;
import com.skincareshop.platform.testing.TestPostgres;
import com.skincareshop.platform.testing.TokenIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The three services as they ship (packaged jars, production profile) on a real broker and PostgreSQL, started once
 * for all end-to-end test classes and stopped after the last of them. They verify tokens against the stack's own
 * identity provider (a key pair generated for the run, published at a local JWKS URL), never the development key. Every RestAssured request of those tests is
 * checked against the service's API document ({@link OpenApiConformance}).
 */
final class RunningStack implements BeforeAllCallback {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static volatile Started started;

    /** The running services' base URLs. */
    record Urls(String catalog, String profiles, String recommendations) {}

    static Urls urls() {
        return started().urls;
    }

    /** The stack's identity provider: the tokens the running services accept. */
    static TokenIssuer tokens() {
        return started().stack.tokens();
    }

    private static Started started() {
        if (started == null) {
            throw new IllegalStateException(
                    "a test class that uses the stack is annotated @ExtendWith(RunningStack.class)");
        }
        return started;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started = context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class);
        OpenApiConformance.install();
    }

    /** Closed by JUnit when the root context closes, after the last test class. */
    private record Started(KafkaBroker broker, Stack stack, Urls urls) implements AutoCloseable {

        static Started start() {
            KafkaBroker broker = KafkaBroker.forTests().start();
            List<Stack.Service> services = Stack.onFreePorts("e2e_");
            Stack stack = new Stack(
                    ROOT, ROOT.resolve("system-tests/target/e2e-logs"), broker, services, TestPostgres.server());
            try {
                stack.provisionDatabases(true).start().awaitReady(Duration.ofSeconds(180));
                // each service serves its API document on its management port
                OpenApiConformance.documentsAt(base -> Stack.managementUrlOf(base) + "/q/openapi?format=json");
                return new Started(
                        broker,
                        stack,
                        new Urls(
                                services.get(0).url(),
                                services.get(1).url(),
                                services.get(2).url()));
            } catch (Exception e) {
                stack.close();
                broker.close();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the stack did not start", e);
            }
        }

        @Override
        public void close() {
            try {
                stack.close();
            } finally {
                broker.close();
            }
        }
    }
}
