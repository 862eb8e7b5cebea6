package org.marquee.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Requests from chosen client addresses, for the per-address limits (REST Assured cannot bind its socket). */
final class RawHttp {

    private RawHttp() {
    }

    record RawAnswer(int status, long retryAfter, String body) {
    }

    /**
     * POST over a socket bound to the given local address (any of 127/8 is local on Linux), so that the
     * server sees another client address; {@code token} may be null (no Authorization header).
     */
    static RawAnswer post(String localAddress, String path, String token, String json) throws IOException {
        return post(localAddress, Integer.parseInt(System.getProperty("marquee.http.port", "28080")), path, token, json);
    }

    /** The same, to the node on the given port of 127.0.0.1. */
    static RawAnswer post(String localAddress, int port, String path, String token, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(localAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + (token == null ? "" : "\r\nAuthorization: Bearer " + token)
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String[] lines = answer.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            long retryAfter = 0;
            for (String line : lines) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.toLowerCase(Locale.ROOT).startsWith("retry-after:")) {
                    retryAfter = Long.parseLong(line.substring("retry-after:".length()).strip());
                }
            }
            int start = answer.indexOf("\r\n\r\n");
            return new RawAnswer(status, retryAfter, start < 0 ? "" : answer.substring(start + 4));
        }
    }
}
