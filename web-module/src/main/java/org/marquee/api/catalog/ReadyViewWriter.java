package org.marquee.api.catalog;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.marquee.catalog.ReadyView;

/**
 * Writes a {@link ReadyView} as the answer to a GET: 304 with no body when If-None-Match names it, else
 * its bytes, gzip-compressed when the client accepts that. Nothing is rendered per request.
 */
final class ReadyViewWriter {

    private ReadyViewWriter() {
    }

    static void write(ReadyView view, String cacheControl, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("ETag", view.etag());
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("Vary", "Accept-Encoding");
        if (view.matches(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        byte[] body = view.json();
        if (ReadyView.acceptsGzip(request.getHeader("Accept-Encoding"))) {
            response.setHeader("Content-Encoding", "gzip");
            body = view.gzip();
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
