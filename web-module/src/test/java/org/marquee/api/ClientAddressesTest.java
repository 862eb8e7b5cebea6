package org.marquee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static final Set<String> BALANCER = Set.of("127.0.0.1");

    @Test
    void aDirectClientIsItsPeerAddressWhateverItSends() {
        assertEquals("203.0.113.7", ClientAddresses.clientOf("203.0.113.7", "198.51.100.1", BALANCER));
        assertEquals("203.0.113.7", ClientAddresses.clientOf("203.0.113.7", null, BALANCER));
    }

    @Test
    void behindATrustedProxyTheClientIsTheAddressTheProxySaw() {
        assertEquals("198.51.100.1", ClientAddresses.clientOf("127.0.0.1", "198.51.100.1", BALANCER));
        // what the client wrote itself comes first; the proxy appends what it saw
        assertEquals("198.51.100.1", ClientAddresses.clientOf("127.0.0.1", "10.9.9.9, 198.51.100.1", BALANCER));
    }

    @Test
    void aTrustedProxyWithoutTheHeaderIsTheClient() {
        assertEquals("127.0.0.1", ClientAddresses.clientOf("127.0.0.1", null, BALANCER));
        assertEquals("127.0.0.1", ClientAddresses.clientOf("127.0.0.1", " ", BALANCER));
    }

    @Test
    void noProxyIsTrustedUnlessConfigured() {
        assertEquals("127.0.0.1", ClientAddresses.clientOf("127.0.0.1", "198.51.100.1", Set.of()));
    }

    @Test
    void theSettingIsACommaSeparatedList() {
        assertEquals(Set.of("127.0.0.1", "10.0.0.5"), ClientAddresses.trusted(" 127.0.0.1, 10.0.0.5 ,"));
        assertEquals(Set.of(), ClientAddresses.trusted(""));
    }
}
