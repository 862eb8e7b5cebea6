package org.marquee.identity;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Hashes and verifies passwords with Jakarta Security's {@link Pbkdf2PasswordHash} (PBKDF2 with
 * HMAC-SHA-512, a 32-byte random salt per password, 210,000 iterations by default as OWASP advises in
 * 2023; {@code marquee.password.pbkdf2-iterations} changes it). The stored form
 * {@code algorithm:iterations:salt:hash} names its own parameters, so a changed setting applies to new
 * hashes and old ones keep verifying. A password never leaves this class in any form but the hash.
 */
@ApplicationScoped
public class Passwords {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 1000;

    @Inject
    private Pbkdf2PasswordHash hash;

    /** Verified when an e-mail address is unknown, so that a miss costs as much time as a wrong password. */
    private String decoy;

    @PostConstruct
    void init() {
        int iterations = ConfigProvider.getConfig()
                .getOptionalValue("marquee.password.pbkdf2-iterations", Integer.class).orElse(210_000);
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", String.valueOf(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        decoy = hash.generate("decoy password, never matches".toCharArray());
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        try {
            return hash.verify(password.toCharArray(), storedHash);
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }

    /** Spends the time of one verification and fails: for unknown or disabled accounts. */
    public boolean verifyNothing(String password) {
        verify(password == null ? "" : password, decoy);
        return false;
    }
}
