package org.marquee.api.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.MarqueeApi;
import org.marquee.api.Problem;
import org.marquee.error.MarqueeException;
import org.marquee.identity.Account;
import org.marquee.identity.AccountService;
import org.marquee.identity.Roles;

@Path("/admin/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class AdminUserResource {

    @EJB
    private AccountService accounts;

    @Context
    private UriInfo uriInfo;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = MarqueeApi.BEARER)
    @Operation(operationId = "createUser", summary = "Create an account with roles",
            description = "Create an account with roles (ADMIN only): integrators' systems, box-office staff, administrators")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewUserRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; Location names the account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "FORBIDDEN: not an administrator", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "EMAIL_TAKEN", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response create(NewUserRequest body) {
        if (body == null) {
            throw MarqueeException.invalid("body", "is required");
        }
        Account created = accounts.create(body.email(), body.password(), body.name(), body.roles());
        return Response.created(uriInfo.getBaseUriBuilder().path("users").path(created.id().toString()).build())
                .entity(UserResponse.of(created)).build();
    }
}
