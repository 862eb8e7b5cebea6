package org.marquee.api.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.marquee.identity.Account;
import org.marquee.domain.identity.Role;

/** An account as the API shows it: never a password or its hash. */
public record UserResponse(UUID id, @Schema(format = "email") String email, String name,
                           @Schema(type = SchemaType.ARRAY, implementation = Role.class) List<String> roles, Instant createdAt) {

    static UserResponse of(Account a) {
        return new UserResponse(a.id(), a.email(), a.name(), a.roles(), a.createdAt());
    }
}
