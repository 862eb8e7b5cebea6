package org.marquee.api.contract;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/**
 * GET /openapi in YAML as {@code application/yaml}. Payara serves the document from a servlet it adds to this web
 * module (context root "/"), and writes YAML only as {@code text/plain}: a client asking for YAML by its media
 * type got 406. This asks Payara for its YAML and labels the answer {@code application/yaml}, for a YAML media
 * type in Accept, {@code ?format=yaml}, or no preference (YAML is the MicroProfile OpenAPI default). Accept:
 * application/json and an explicit text/plain are left to Payara.
 */
@WebFilter(filterName = "OpenApiMediaTypes", urlPatterns = {"/openapi", "/openapi/*"})
public class OpenApiMediaTypes extends HttpFilter {

    public static final String YAML = "application/yaml";
    private static final Set<String> YAML_TYPES = Set.of(YAML, "application/x-yaml", "text/yaml", "text/x-yaml");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!wantsYaml(request)) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return "Accept".equalsIgnoreCase(name) ? "text/plain" : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(Set.of("text/plain")) : super.getHeaders(name);
            }
        }, new HttpServletResponseWrapper(response) {
            @Override
            public void setContentType(String type) {
                super.setContentType(yaml(type));
            }

            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, "Content-Type".equalsIgnoreCase(name) ? yaml(value) : value);
            }

            @Override
            public void addHeader(String name, String value) {
                super.addHeader(name, "Content-Type".equalsIgnoreCase(name) ? yaml(value) : value);
            }
        });
    }

    static boolean wantsYaml(HttpServletRequest request) {
        String format = request.getParameter("format");
        if (format != null) {
            return "yaml".equalsIgnoreCase(format);
        }
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return true;
        }
        boolean any = false;
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (YAML_TYPES.contains(type)) {
                return true;
            }
            any |= type.equals("*/*");
            if (type.equals("application/json") || type.equals("text/plain")) {
                return false;
            }
        }
        return any;
    }

    private static String yaml(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/plain") ? YAML + type.substring("text/plain".length()) : type;
    }
}
