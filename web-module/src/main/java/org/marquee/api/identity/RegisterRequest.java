package org.marquee.api.identity;

/** POST /auth/register. No roles: a self-registered account is a CUSTOMER, whatever else is sent. */
public record RegisterRequest(String email, String password, String name) {

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", name=" + name + "]";   // never the password
    }
}
