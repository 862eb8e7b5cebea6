package org.marquee.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.marquee.console.ConsoleAuthentication.Staff;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;
import org.marquee.identity.Caller;

/** The signed-in staff member of this request, and logout. */
@Named("staff")
@RequestScoped
public class StaffSession {

    public Staff get() {
        return (Staff) FacesContext.getCurrentInstance().getExternalContext().getSessionMap().get(ConsoleAuthentication.STAFF);
    }

    public Caller caller() {
        Staff staff = get();
        if (staff == null) {
            throw new MarqueeException(ProblemCode.UNAUTHENTICATED, "Your session has ended; please sign in again");
        }
        return staff.caller();
    }

    public String getName() {
        Staff staff = get();
        return staff == null ? "" : staff.name() + " (" + staff.email() + ")";
    }

    /** Door staff see the door page and nothing else. */
    public boolean isDoorOnly() {
        Staff staff = get();
        return staff != null && staff.caller().isDoorOnly();
    }

    public void logout() throws IOException, ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + ConsoleAuthentication.LOGIN_PAGE + "?out=1");
    }
}
