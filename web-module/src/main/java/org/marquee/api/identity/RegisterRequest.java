package org.marquee.api.identity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /auth/register. No roles: a self-registered account is a CUSTOMER, whatever else is sent. */
public record RegisterRequest(@Schema(required = true, format = "email", example = "fan@example.com") String email,
                              @Schema(required = true, minLength = 10, format = "password", example = "at-least-10-chars") String password,
                              @Schema(required = true, maxLength = 200, example = "Fan") String name) {

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", name=" + name + "]";   // never the password
    }
}
