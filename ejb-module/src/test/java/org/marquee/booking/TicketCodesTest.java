package org.marquee.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marquee.testing.TestSecrets;

class TicketCodesTest {

    private static final UUID TICKET = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final UUID SEAT = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    @TempDir
    Path dir;

    private TicketCodes codes(String key) throws Exception {
        TestSecrets.install(dir, key);
        TicketCodes codes = new TicketCodes();
        codes.loadKey();
        return codes;
    }

    @Test
    void aCodeIsVersionTicketAndSignatureInUrlSafeBase64() throws Exception {
        String code = codes("k1").code(TICKET, SEAT);
        assertTrue(code.matches("MQ1\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}"), code);
    }

    @Test
    void theSameTicketAndSeatAlwaysGiveTheSameCode() throws Exception {
        TicketCodes codes = codes("k1");
        assertEquals(codes.code(TICKET, SEAT), codes.code(TICKET, SEAT));
    }

    @Test
    void theSignatureCoversTheSeatAndTheKey() throws Exception {
        String code = codes("k1").code(TICKET, SEAT);
        assertNotEquals(code, codes("k1").code(TICKET, UUID.randomUUID()));
        String otherInstallation = codes("k2").code(TICKET, SEAT);
        assertEquals(code.substring(0, 27), otherInstallation.substring(0, 27), "the ticket part does not depend on the key");
        assertNotEquals(code, otherInstallation);
    }

    @Test
    void theTicketIdComesBackFromItsCode() throws Exception {
        TicketCodes codes = codes("k1");
        assertEquals(Optional.of(TICKET), codes.ticketId(codes.code(TICKET, SEAT)));
        assertEquals(Optional.of(TICKET), codes.ticketId("  " + codes.code(TICKET, SEAT) + "\n"));
    }

    @Test
    void whatIsNotShapedLikeACodeNamesNoTicket() throws Exception {
        TicketCodes codes = codes("k1");
        String good = codes.code(TICKET, SEAT);
        assertEquals(Optional.empty(), codes.ticketId(null));
        assertEquals(Optional.empty(), codes.ticketId(""));
        assertEquals(Optional.empty(), codes.ticketId(good.replace("MQ1.", "MQ2.")));
        assertEquals(Optional.empty(), codes.ticketId(good + ".extra"));
        assertEquals(Optional.empty(), codes.ticketId("MQ1.!!!.sig"));
        assertEquals(Optional.empty(), codes.ticketId("MQ1.AAAA.sig"), "a ticket part that is not 16 bytes");
    }
}
