package com.skincareshop.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The identity provider at a JWKS URL for a {@code @QuarkusTest}: a {@link JwksServer} publishing a key generated for
 * the run (the development issuer and audience, which the test profile expects), and
 * {@code mp.jwt.verify.publickey.location} pointing at it instead of the development key. A test's
 * {@link JwksServer} field is filled with it, to mint tokens ({@link JwksServer#published()}) and rotate the key.
 */
public class JwksResource implements QuarkusTestResourceLifecycleManager {

    private JwksServer jwks;

    @Override
    public Map<String, String> start() {
        jwks = JwksServer.serving(TokenIssuer.generate(TokenIssuer.DEVELOPMENT_ISSUER));
        return Map.of("mp.jwt.verify.publickey.location", jwks.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(jwks, new TestInjector.MatchesType(JwksServer.class));
    }

    @Override
    public void stop() {
        if (jwks != null) {
            jwks.close();
        }
    }
}
