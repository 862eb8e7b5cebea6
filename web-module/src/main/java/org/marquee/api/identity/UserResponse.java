package org.marquee.api.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.marquee.identity.Account;

/** An account as the API shows it: never a password or its hash. */
public record UserResponse(UUID id, String email, String name, List<String> roles, Instant createdAt) {

    static UserResponse of(Account a) {
        return new UserResponse(a.id(), a.email(), a.name(), a.roles(), a.createdAt());
    }
}
