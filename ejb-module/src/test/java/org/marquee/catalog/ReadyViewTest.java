package org.marquee.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ReadyViewTest {

    private final ReadyView view = ReadyView.of("{\"name\":\"Jazz Night\"}", 1_000);

    @Test
    void theGzipFormInflatesToTheBody() throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(view.gzip()))) {
            assertArrayEquals("{\"name\":\"Jazz Night\"}".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
    }

    @Test
    void theTagFollowsTheBody() {
        assertEquals(view.etag(), ReadyView.of("{\"name\":\"Jazz Night\"}", 5).etag());
        assertNotEquals(view.etag(), ReadyView.of("{\"name\":\"Jazz Night!\"}", 5).etag());
        assertTrue(view.etag().startsWith("\"") && view.etag().endsWith("\""));
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertTrue(view.matches(view.etag()));
        assertTrue(view.matches("W/" + view.etag()));
        assertTrue(view.matches("\"other\", " + view.etag()));
        assertTrue(view.matches("*"));
        assertFalse(view.matches("\"other\""));
        assertFalse(view.matches(null));
        assertFalse(view.matches(view.etag().replace("\"", "")));
    }

    @Test
    void freshUntilItsDeadline() {
        assertTrue(view.freshAt(999));
        assertFalse(view.freshAt(1_000));
    }

    @Test
    void gzipOnlyWhenAccepted() {
        assertTrue(ReadyView.acceptsGzip("gzip, deflate, br"));
        assertTrue(ReadyView.acceptsGzip("br;q=1.0, gzip;q=0.8"));
        assertTrue(ReadyView.acceptsGzip("*"));
        assertFalse(ReadyView.acceptsGzip("gzip;q=0"));
        assertFalse(ReadyView.acceptsGzip("deflate"));
        assertFalse(ReadyView.acceptsGzip(null));
    }
}
