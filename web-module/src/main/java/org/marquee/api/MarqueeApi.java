package org.marquee.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.identity.Roles;

/**
 * The public HTTP API, version 1 (docs/api-guide.md; the live contract is /openapi). Resources and providers are discovered by CDI scanning.
 * <p>
 * Callers authenticate with {@code Authorization: Bearer <token>} (a token from POST /auth/token),
 * verified by Payara's MicroProfile JWT ({@link LoginConfig}); every resource method declares what it
 * needs with {@code @RolesAllowed} or {@code @PermitAll}, the roles being the token's {@code groups}.
 */
@ApplicationPath("/api/v1")
@ApplicationScoped   // a CDI bean, so that Payara's MP-JWT extension sees @LoginConfig (bean discovery is "annotated")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Roles.CUSTOMER, Roles.INTEGRATOR, Roles.BOX_OFFICE, Roles.ADMIN, Roles.DOOR})
@OpenAPIDefinition(
        info = @Info(title = "Marquee API", version = "1",
                description = "Events, search, bookings and payments of the Marquee ticketing platform. "
                        + "Every error is application/problem+json with a stable `code`. Calls that need a user "
                        + "send `Authorization: Bearer <accessToken>` with a token from POST /api/v1/auth/token.",
                contact = @Contact(name = "Marquee", url = "https://marquee.dev"),
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        servers = @Server(url = "/api/v1", description = "this server"),
        tags = {
                @Tag(name = "Events", description = "Create, change and view events and their seats"),
                @Tag(name = "Search", description = "Find events by words, dates, city and category"),
                @Tag(name = "Bookings", description = "Hold seats, pay, cancel. A customer sees only their own bookings; "
                        + "box office and admins see all."),
                @Tag(name = "Identity", description = "Accounts and access tokens"),
                @Tag(name = "On-sale surge", description = "Waiting rooms, admission, live seat changes"),
                @Tag(name = "Tickets and check-in", description = "Tickets with rotating door codes, QR images, and check-in at the door"),
                @Tag(name = "Payments", description = "Payments that need staff, and the payment provider's callbacks")})
@SecurityScheme(securitySchemeName = MarqueeApi.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "RS256 access token from POST /api/v1/auth/token; its `groups` are the roles")
public class MarqueeApi extends Application {

    /** Name of the OpenAPI security scheme, for {@code @SecurityRequirement(name = MarqueeApi.BEARER)}. */
    public static final String BEARER = "bearer";
}
