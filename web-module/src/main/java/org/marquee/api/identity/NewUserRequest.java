package org.marquee.api.identity;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.marquee.domain.identity.Role;

/** POST /admin/users: an administrator creates an account with the given roles. */
public record NewUserRequest(@Schema(required = true, format = "email", example = "feed@partner.example") String email,
                             @Schema(required = true, minLength = 10, format = "password", example = "a-long-secret") String password,
                             @Schema(required = true, maxLength = 200, example = "Partner feed") String name,
                             @Schema(required = true, type = SchemaType.ARRAY, implementation = Role.class, minItems = 1) List<String> roles) {

    @Override
    public String toString() {
        return "NewUserRequest[email=" + email + ", name=" + name + ", roles=" + roles + "]";   // never the password
    }
}
