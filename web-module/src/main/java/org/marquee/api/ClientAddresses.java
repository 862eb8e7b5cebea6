package org.marquee.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The address of the client that sent a request, for the limits kept per address (holds, sign-in
 * failures). It is the TCP peer's address, unless that peer is one of the proxies this node trusts
 * ({@code marquee.trusted-proxies}, comma-separated addresses; empty by default): then it is the last
 * address of {@code X-Forwarded-For}, the one that proxy itself saw. {@code server-config/bin/marquee}
 * trusts 127.0.0.1 when it runs the balancer in front of the node. A client that is not a trusted proxy
 * cannot choose its own address by sending the header.
 */
@ApplicationScoped
public class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    @Inject
    private Config config;

    private Set<String> trustedProxies = Set.of();

    @PostConstruct
    void readTrustedProxies() {
        trustedProxies = trusted(config.getOptionalValue("marquee.trusted-proxies", String.class).orElse(""));
    }

    public String of(HttpServletRequest request) {
        return clientOf(request.getRemoteAddr(), request.getHeader(FORWARDED_FOR), trustedProxies);
    }

    static Set<String> trusted(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(a -> !a.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    static String clientOf(String peer, String forwardedFor, Set<String> trustedProxies) {
        if (forwardedFor == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).strip();
        return last.isEmpty() ? peer : last;
    }
}
