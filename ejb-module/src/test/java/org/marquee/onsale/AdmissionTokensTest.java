package org.marquee.onsale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marquee.testing.TestSecrets;

class AdmissionTokensTest {

    private static final UUID EVENT = UUID.randomUUID();
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Instant UNTIL = NOW.plusSeconds(600);

    @TempDir
    Path dir;

    private AdmissionTokens tokens;

    @BeforeEach
    void installation() throws Exception {
        tokens = tokensSignedWith("installation key");
    }

    private AdmissionTokens tokensSignedWith(String key) throws Exception {
        TestSecrets.install(dir, key);
        AdmissionTokens t = new AdmissionTokens();
        t.loadKey();
        return t;
    }

    @Test
    void aTokenAdmitsItsAccountToItsEventUntilItsDeadline() {
        String token = tokens.issue(EVENT, ACCOUNT, UNTIL);
        assertTrue(token.startsWith("MA1."), token);
        assertTrue(tokens.valid(token, EVENT, ACCOUNT, NOW));
        assertTrue(tokens.valid(token, EVENT, ACCOUNT, UNTIL.minusSeconds(1)));
        assertFalse(tokens.valid(token, EVENT, ACCOUNT, UNTIL), "expired at its deadline");
    }

    @Test
    void itAdmitsNoOtherAccountOrEvent() {
        String token = tokens.issue(EVENT, ACCOUNT, UNTIL);
        assertFalse(tokens.valid(token, EVENT, UUID.randomUUID(), NOW));
        assertFalse(tokens.valid(token, UUID.randomUUID(), ACCOUNT, NOW));
    }

    @Test
    void anotherNodeOfTheSameInstallationAcceptsIt() throws Exception {
        String token = tokens.issue(EVENT, ACCOUNT, UNTIL);
        assertTrue(tokensSignedWith("installation key").valid(token, EVENT, ACCOUNT, NOW));
        assertFalse(tokensSignedWith("another installation").valid(token, EVENT, ACCOUNT, NOW));
    }

    @Test
    void aTokenWithALaterDeadlineWrittenInIsRefused() {
        String token = tokens.issue(EVENT, ACCOUNT, UNTIL);
        String later = tokens.issue(EVENT, ACCOUNT, UNTIL.plusSeconds(86_400));
        // the body of the later token with the signature of the first
        String forged = later.substring(0, later.lastIndexOf('.')) + token.substring(token.lastIndexOf('.'));
        assertFalse(tokens.valid(forged, EVENT, ACCOUNT, UNTIL.plusSeconds(60)));
    }

    @Test
    void garbageIsRefusedWithoutAnError() {
        String token = tokens.issue(EVENT, ACCOUNT, UNTIL);
        for (String bad : new String[] {null, "", "MA1.", "MA1.%%%.xyz", token.substring(0, token.lastIndexOf('.')),
                "MA2." + token.substring(4), token + "A", "MA1." + "A".repeat(300)}) {
            assertFalse(tokens.valid(bad, EVENT, ACCOUNT, NOW), String.valueOf(bad));
        }
    }
}
