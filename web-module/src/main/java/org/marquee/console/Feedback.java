package org.marquee.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.marquee.error.FieldError;
import org.marquee.error.MarqueeException;

/** Messages for the page: what the services refused, in words, never a stack trace. */
final class Feedback {

    private Feedback() {
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    /** Shows the refusal; field errors are returned by field path ("venue.name", "seatTypes[0].price") for the page to place. */
    static Map<String, String> refused(MarqueeException e) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (FieldError f : e.errors()) {
            byField.merge(f.field(), f.message(), (a, b) -> a + "; " + b);
        }
        error(byField.isEmpty() ? e.getMessage() : "Please correct the fields marked below.");
        return byField;
    }
}
