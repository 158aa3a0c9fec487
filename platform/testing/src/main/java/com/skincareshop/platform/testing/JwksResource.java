package com.skincareshop.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The identity provider at a JWKS URL for a {@code @QuarkusTest}: a {@link JwksServer} publishing a key generated for
 * the run (the development issuer and audience, which the test profile expects), and
 * {@code mp.jwt.verify.publickey.location} pointing at it instead of the development key, and verified tokens held
 * for 2 s at most. A test's
 * {@link JwksServer} field is filled with it, to mint tokens ({@link JwksServer#published()}) and rotate the key.
 */
public class JwksResource implements QuarkusTestResourceLifecycleManager {

    private JwksServer jwks;

    @Override
    public Map<String, String> start() {
        jwks = JwksServer.serving(TokenIssuer.generate(TokenIssuer.DEVELOPMENT_ISSUER));
        return Map.of(
                "mp.jwt.verify.publickey.location",
                jwks.url(),
                // a withdrawn key's tokens verified before are held this long at most: a rotation test waits for it
                "skincare.security.verified-tokens.max-age",
                "2S");
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
