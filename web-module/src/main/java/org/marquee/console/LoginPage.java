package org.marquee.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.ejb.EJB;
import org.marquee.api.ClientAddresses;
import org.marquee.console.ConsoleAuthentication.SignedIn;
import org.marquee.console.ConsoleAuthentication.Staff;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Account;
import org.marquee.identity.Caller;
import org.marquee.identity.Login;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The sign-in form: checks e-mail and password like the token endpoint (same accounts, same throttle),
 * lets only staff in (door staff to the door page only), and hands the staff member to {@link ConsoleAuthentication} through Jakarta Security.
 */
@Named("login")
@RequestScoped
public class LoginPage {

    @Inject
    private SecurityContext security;

    @Inject
    private ClientAddresses clientAddresses;

    @EJB
    private Login login;

    private String email;
    private String passwordTyped;

    public void signIn() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        Account account;
        try {
            account = login.verify(email, passwordTyped, clientAddresses.of(request));
        } catch (MarqueeException e) {
            Feedback.error(e.code() == ProblemCode.VALIDATION_FAILED ? "Enter your e-mail address and password." : e.getMessage());
            return;
        } finally {
            passwordTyped = null;
        }
        Caller caller = Caller.of(account.id(), account.roles());
        if (!caller.isStaff() && !caller.checksTicketsIn()) {
            Feedback.error("This account may not use the box-office console.");
            return;
        }
        AuthenticationStatus status = security.authenticate(request, (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true)
                        .credential(new SignedIn(new Staff(caller, account.email(), account.name()))));
        if (status != AuthenticationStatus.SUCCESS) {
            Feedback.error("Sign-in failed; please try again.");
            return;
        }
        external.redirect(external.getRequestContextPath() + (caller.isDoorOnly() ? ConsoleAuthentication.DOOR_PAGE : "/console/"));
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return null;   // never shown again
    }

    public void setPassword(String password) {
        this.passwordTyped = password;
    }
}
