package org.marquee.api.identity;

/** POST /auth/token. */
public record TokenRequest(String email, String password) {

    @Override
    public String toString() {
        return "TokenRequest[email=" + email + "]";   // never the password
    }
}
