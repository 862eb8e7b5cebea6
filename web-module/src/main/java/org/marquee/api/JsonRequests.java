package org.marquee.api;

import java.util.Locale;

/**
 * What the servlet-level fast paths ({@code BookingFilter}, {@code PaymentWebhookFilter}) take
 * themselves: requests whose media types are plainly JSON. Anything subtler goes on to JAX-RS, whose
 * negotiation gives the resource's answer (406, 415).
 */
public final class JsonRequests {

    private JsonRequests() {
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
