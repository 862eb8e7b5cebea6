package org.marquee.api.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.marquee.api.ClientAddresses;
import org.marquee.api.MarqueeApi;
import org.marquee.api.Problem;
import org.marquee.error.MarqueeException;
import org.marquee.identity.Account;
import org.marquee.identity.AccountService;
import org.marquee.identity.IssuedToken;
import org.marquee.identity.Login;
import org.marquee.identity.Roles;

@Path("/auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class AuthResource {

    @EJB
    private AccountService accounts;

    @EJB
    private Login login;

    @Inject
    private CurrentCaller caller;

    @Inject
    private ClientAddresses clientAddresses;

    @Context
    private UriInfo uriInfo;

    @Context
    private HttpServletRequest request;

    @POST
    @Path("register")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerCustomer", summary = "Register a customer account",
            description = "Create a customer account (role CUSTOMER); e-mail addresses compare case-insensitively")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegisterRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; Location names the account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (e.g. a password under 10 characters)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "EMAIL_TAKEN", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response register(RegisterRequest body) {
        if (body == null) {
            throw MarqueeException.invalid("body", "is required");
        }
        Account created = accounts.register(body.email(), body.password(), body.name());
        return Response.created(uriInfo.getBaseUriBuilder().path("users").path(created.id().toString()).build())
                .entity(UserResponse.of(created)).build();
    }

    @POST
    @Path("token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createToken", summary = "Log in: get an access token",
            description = "Exchange e-mail and password for a bearer access token (RS256 JWT). "
                    + "Repeated failures for one account or from one address are slowed down, then refused "
                    + "with 429 RATE_LIMITED and Retry-After.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenRequest.class)))
    @APIResponse(responseCode = "200", description = "The token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED: wrong e-mail or password",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many failures; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public TokenResponse token(TokenRequest body) {
        if (body == null) {
            throw MarqueeException.invalid("body", "is required");
        }
        IssuedToken token = login.token(body.email(), body.password(), clientAddresses.of(request));
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresIn());
    }

    @GET
    @Path("me")
    @RolesAllowed({Roles.CUSTOMER, Roles.INTEGRATOR, Roles.BOX_OFFICE, Roles.ADMIN})
    @SecurityRequirement(name = MarqueeApi.BEARER)
    @Operation(operationId = "getCurrentUser", summary = "Get the caller's account",
            description = "The caller's own account")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public UserResponse me() {
        return UserResponse.of(accounts.find(caller.get(), caller.get().id()));
    }
}
