package org.marquee.api;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes an answer shaped for JAX-RS (status, headers, a String entity) straight to the servlet
 * response: the servlet-level fast paths answer with exactly the bytes and headers the resources would.
 */
public final class ServletAnswers {

    private ServletAnswers() {
    }

    public static void write(Response answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.getStatus());
        for (Map.Entry<String, List<String>> header : answer.getStringHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                continue;
            }
            header.getValue().forEach(value -> response.addHeader(header.getKey(), value));
        }
        if (answer.getMediaType() != null) {
            response.setContentType(answer.getMediaType().toString());
        }
        Object entity = answer.getEntity();
        byte[] body = entity == null ? new byte[0] : entity.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
