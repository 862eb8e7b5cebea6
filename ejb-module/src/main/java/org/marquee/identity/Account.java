package org.marquee.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.marquee.domain.identity.AppUser;
import org.marquee.domain.identity.Role;

/** An account as services hand it out: never the password hash. Roles sorted by name. */
public record Account(UUID id, String email, String name, List<String> roles, boolean enabled, Instant createdAt) {

    static Account of(AppUser user) {
        return new Account(user.getId(), user.getEmail(), user.getName(),
                user.getRoles().stream().map(Role::name).sorted().toList(), user.isEnabled(), user.getCreatedAt());
    }
}
