package org.marquee.api.identity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /auth/token. */
public record TokenRequest(@Schema(required = true, format = "email", example = "fan@example.com") String email,
                           @Schema(required = true, format = "password", example = "at-least-10-chars") String password) {

    @Override
    public String toString() {
        return "TokenRequest[email=" + email + "]";   // never the password
    }
}
