package org.marquee.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.marquee.payment.WebhookSignature.Verdict;

class WebhookSignatureTest {

    private static final byte[] SECRET = "whsec-test".getBytes(StandardCharsets.UTF_8);
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment.captured\"}";
    private static final long T = 1_764_676_800L;

    @Test
    void aHeaderItSignsIsValidForItsBody() {
        String header = WebhookSignature.sign(SECRET, T, BODY);
        assertTrue(header.matches("t=" + T + ",v1=[0-9a-f]{64}"), header);
        assertEquals(Verdict.VALID, WebhookSignature.verify(SECRET, header, BODY, T, 300));
    }

    @Test
    void aChangedBodyTimestampOrSecretIsAMismatch() {
        String header = WebhookSignature.sign(SECRET, T, BODY);
        assertEquals(Verdict.MISMATCH, WebhookSignature.verify(SECRET, header, BODY.replace("captured", "refunded"), T, 300));
        assertEquals(Verdict.MISMATCH, WebhookSignature.verify(SECRET, header.replace("t=" + T, "t=" + (T + 1)), BODY, T, 300));
        assertEquals(Verdict.MISMATCH, WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), header, BODY, T, 300));
    }

    @Test
    void outsideTheToleranceEitherWayItIsStale() {
        String header = WebhookSignature.sign(SECRET, T, BODY);
        assertEquals(Verdict.VALID, WebhookSignature.verify(SECRET, header, BODY, T + 300, 300));
        assertEquals(Verdict.STALE, WebhookSignature.verify(SECRET, header, BODY, T + 301, 300));
        assertEquals(Verdict.STALE, WebhookSignature.verify(SECRET, header, BODY, T - 301, 300));
    }

    @Test
    void duringSecretRotationAnyOfSeveralSignaturesWill() {
        String current = WebhookSignature.sign(SECRET, T, BODY);
        String old = WebhookSignature.sign("old".getBytes(StandardCharsets.UTF_8), T, BODY);
        String both = old + "," + current.substring(current.indexOf("v1="));
        assertEquals(Verdict.VALID, WebhookSignature.verify(SECRET, both, BODY, T, 300));
    }

    @Test
    void unknownPartsAreIgnored() {
        String header = WebhookSignature.sign(SECRET, T, BODY) + ",v0=abc";
        assertEquals(Verdict.VALID, WebhookSignature.verify(SECRET, header, BODY, T, 300));
    }

    @Test
    void missingAndMalformedHeadersAreToldApart() {
        assertEquals(Verdict.MISSING, WebhookSignature.verify(SECRET, null, BODY, T, 300));
        assertEquals(Verdict.MISSING, WebhookSignature.verify(SECRET, "  ", BODY, T, 300));
        assertEquals(Verdict.MALFORMED, WebhookSignature.verify(SECRET, "garbage", BODY, T, 300));
        assertEquals(Verdict.MALFORMED, WebhookSignature.verify(SECRET, "t=" + T, BODY, T, 300), "no signature");
        assertEquals(Verdict.MALFORMED, WebhookSignature.verify(SECRET, "v1=00ff", BODY, T, 300), "no timestamp");
        assertEquals(Verdict.MALFORMED, WebhookSignature.verify(SECRET, "t=soon,v1=00ff", BODY, T, 300));
        assertEquals(Verdict.MALFORMED, WebhookSignature.verify(SECRET, "t=" + T + ",v1=xyz", BODY, T, 300));
    }
}
