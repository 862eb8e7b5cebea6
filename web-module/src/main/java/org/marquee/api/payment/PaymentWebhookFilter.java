package org.marquee.api.payment;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.marquee.api.JsonRequests;
import org.marquee.api.ProblemMappers;
import org.marquee.api.ServletAnswers;
import org.marquee.payment.WebhookSignature;

/**
 * The provider's deliveries ({@code POST /api/v1/payments/webhook}), taken before JAX-RS: a body of known
 * length up to {@value #MAX_BODY_BYTES} bytes, from a client that plainly takes JSON, goes straight to
 * {@link ProviderEventIntake}, without the JAX-RS request pipeline, its CDI request scope and its
 * interceptors (together most of the CPU of a delivery that only repeats what Marquee knows). Anything
 * else goes on to {@link PaymentWebhookResource}, which gives the same answers, errors included.
 */
@WebFilter(filterName = "PaymentWebhookFilter", urlPatterns = PaymentWebhookFilter.PATH, asyncSupported = true)
public class PaymentWebhookFilter extends HttpFilter {

    static final String PATH = "/api/v1/payments/webhook";
    /** A full batch of {@value ProviderEventIntake#MAX_EVENTS} events is about 150 KiB. */
    static final long MAX_BODY_BYTES = 512 * 1024;
    private static final long serialVersionUID = 1L;

    @Inject
    private ProviderEventIntake intake;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!JsonRequests.isPlainPost(request, MAX_BODY_BYTES)) {
            chain.doFilter(request, response);
            return;
        }
        String body = JsonRequests.body(request);
        Response answer;
        try {
            answer = intake.receive(request.getHeader(WebhookSignature.HEADER), body);
        } catch (RuntimeException refused) {
            answer = ProblemMappers.answerTo(refused);
        }
        ServletAnswers.write(answer, response);
    }
}
