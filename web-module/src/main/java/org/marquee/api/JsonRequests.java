package org.marquee.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the servlet-level fast paths ({@code BookingFilter}, {@code PaymentWebhookFilter}) take
 * themselves: requests whose media types are plainly JSON. Anything subtler goes on to JAX-RS, whose
 * negotiation gives the resource's answer (406, 415).
 */
public final class JsonRequests {

    private JsonRequests() {
    }

    /**
     * A POST whose body has a known length of at most {@code maxBodyBytes}, from a client that plainly
     * takes JSON: what a fast path may answer itself. Chunked and larger bodies go to JAX-RS, which reads
     * them with the API's size limit.
     */
    public static boolean isPlainPost(HttpServletRequest request, long maxBodyBytes) {
        long length = request.getContentLengthLong();
        return "POST".equals(request.getMethod()) && length >= 0 && length <= maxBodyBytes && acceptsJson(request.getHeader("Accept"));
    }

    /** The body of a request {@link #isPlainPost} took, as UTF-8 text. */
    public static String body(HttpServletRequest request) throws IOException {
        return new String(request.getInputStream().readNBytes((int) request.getContentLengthLong()), StandardCharsets.UTF_8);
    }

    /** {@code application/json}, with or without parameters. */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        return (end < 0 ? contentType : contentType.substring(0, end)).trim().toLowerCase(Locale.ROOT).equals("application/json");
    }

    /** No Accept, or one that plainly takes JSON; anything with q-values is left to JAX-RS's negotiation. */
    public static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return !a.contains("q=") && (a.contains("application/json") || a.contains("*/*") || a.contains("application/*"));
    }
}
