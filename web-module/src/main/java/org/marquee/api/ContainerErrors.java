package org.marquee.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.marquee.error.ProblemCode;

/**
 * Gives problem+json bodies to errors the servlet container answers itself, before any JAX-RS code runs
 * (WEB-INF/web.xml maps them here). The one that matters: MicroProfile JWT's authentication mechanism
 * refuses an expired, tampered or foreign-signed bearer token with a bare {@code sendError(401)}, which
 * no JAX-RS exception mapper sees. Errors of the box-office console's pages (/console/) are answered
 * for people instead: a refused page sends to the sign-in page, anything else is a short HTML page.
 * A request that failed because the database went away is 503 with {@code Retry-After} ({@link DatabaseOutage}).
 */
@WebServlet(name = "ContainerErrors", urlPatterns = ContainerErrors.PATH)
public class ContainerErrors extends HttpServlet {

    static final String PATH = "/container-error";
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(statusAttribute instanceof Integer status)) {
            // requested directly, not as an error page: there is nothing here
            write(response, 404, ProblemCode.NOT_FOUND, "No resource at this path");
            return;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && path.startsWith(request.getContextPath() + "/console")) {
            console(request, response, status);
            return;
        }
        if (status >= 500 && DatabaseOutage.causedBy((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            response.setHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            write(response, 503, ProblemCode.UNAVAILABLE, DatabaseOutage.DETAIL);
            return;
        }
        switch (status) {
            case 401 -> {
                response.setHeader(Problem.WWW_AUTHENTICATE, Problem.BEARER_CHALLENGE + ", error=\"invalid_token\"");
                write(response, 401, ProblemCode.UNAUTHENTICATED,
                        "The access token is invalid, expired or not signed by this server; get a new one from /api/v1/auth/token");
            }
            case 403 -> write(response, 403, ProblemCode.FORBIDDEN, "Your role does not allow this");
            case 404 -> write(response, 404, ProblemCode.NOT_FOUND, "No resource at this path");
            default -> write(response, status, status >= 500 ? ProblemCode.INTERNAL_ERROR : ProblemCode.VALIDATION_FAILED, null);
        }
    }

    private static void console(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        if (status == 401 || status == 403) {
            response.sendRedirect(request.getContextPath() + "/console/login.xhtml");
            return;
        }
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        String context = request.getContextPath();
        String what = status == 404 ? "There is no such page." : "Something went wrong; nothing more was changed. Go back and try again.";
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                + "<title>" + (status == 404 ? "Not found" : "Error") + " · Marquee box office</title>"
                + "<link rel=\"stylesheet\" href=\"" + context + "/jakarta.faces.resource/console/console.css.xhtml\"/></head>"
                + "<body><header class=\"bar\"><strong>Marquee box office</strong></header><main id=\"main\"><h1>"
                + (status == 404 ? "Not found" : "Something went wrong") + "</h1><p>" + what + "</p><p><a id=\"backToConsole\" href=\""
                + context + "/console/\">Back to the console</a></p></main></body></html>");
    }

    private static void write(HttpServletResponse response, int status, ProblemCode code, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Problem.body(status, code, detail, List.of(), Map.of()));
    }
}
