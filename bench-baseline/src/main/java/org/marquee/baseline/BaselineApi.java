package org.marquee.baseline;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The baseline's JAX-RS application: no security, no CDI beans of its own, no filters. */
@ApplicationPath("/floor")
public class BaselineApi extends Application {
}
