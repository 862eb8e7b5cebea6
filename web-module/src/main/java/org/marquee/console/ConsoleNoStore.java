package org.marquee.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Console pages show ticket codes, customers' e-mail addresses and payments on a counter PC that others
 * use next: no page may be kept by the browser or a proxy, so Back after Sign out shows nothing but the
 * sign-in page. (Faces resources, served outside /console/, stay cacheable.)
 */
@WebFilter(filterName = "ConsoleNoStore", urlPatterns = {"/console/*", "/console"})
public class ConsoleNoStore extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, private");
        response.setHeader("Pragma", "no-cache");
        response.setDateHeader("Expires", 0);
        chain.doFilter(request, response);
    }
}
