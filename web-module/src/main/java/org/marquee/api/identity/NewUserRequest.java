package org.marquee.api.identity;

import java.util.List;

/** POST /admin/users: an administrator creates an account with the given roles. */
public record NewUserRequest(String email, String password, String name, List<String> roles) {

    @Override
    public String toString() {
        return "NewUserRequest[email=" + email + ", name=" + name + ", roles=" + roles + "]";   // never the password
    }
}
