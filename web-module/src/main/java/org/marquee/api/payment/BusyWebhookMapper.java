package org.marquee.api.payment;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.marquee.api.Problem;
import org.marquee.error.MarqueeException;
import org.marquee.error.ProblemCode;

/** More webhooks at once than the endpoint's bulkhead admits: 503, and the provider delivers them again. */
@Provider
public class BusyWebhookMapper implements ExceptionMapper<BulkheadException> {

    @Override
    public Response toResponse(BulkheadException e) {
        return Problem.response(ProblemCode.UNAVAILABLE, "Too many provider events at once; deliver again shortly", List.of(),
                Map.of(MarqueeException.RETRY_AFTER_SECONDS, 1));
    }
}
