package org.marquee.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/** The public HTTP API, version 1 (see API.md). Resources and providers are discovered by CDI scanning. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(
        info = @Info(title = "Marquee API", version = "1",
                description = "Events, search, bookings and payments of the Marquee ticketing platform. "
                        + "Every error is application/problem+json with a stable `code`.",
                license = @License(name = "Apache-2.0")),
        servers = @Server(url = "/"))
public class MarqueeApi extends Application {
}
