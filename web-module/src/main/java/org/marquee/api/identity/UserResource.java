package org.marquee.api.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.marquee.api.Ids;
import org.marquee.api.MarqueeApi;
import org.marquee.api.Problem;
import org.marquee.identity.AccountService;
import org.marquee.identity.Roles;

/** Accounts by id: a customer (or integrator) sees only its own; BOX_OFFICE and ADMIN see every account. */
@Path("/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class UserResource {

    @EJB
    private AccountService accounts;

    @Inject
    private CurrentCaller caller;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CUSTOMER, Roles.INTEGRATOR, Roles.BOX_OFFICE, Roles.ADMIN})
    @SecurityRequirement(name = MarqueeApi.BEARER)
    @Operation(operationId = "getUser", summary = "Get an account",
            description = "An account: one's own, or any for box-office staff and administrators. "
                    + "Another customer's account is 404, exactly like an unknown id.")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "NOT_FOUND (or not yours)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public UserResponse get(@PathParam("id") String id) {
        return UserResponse.of(accounts.find(caller.get(), Ids.parse(id, "Account")));
    }
}
