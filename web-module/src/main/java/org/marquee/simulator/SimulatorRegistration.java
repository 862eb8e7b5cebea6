package org.marquee.simulator;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;
import org.marquee.payment.PaymentSettings;

/** Adds the simulator's servlet at start-up when, and only when, the simulator is enabled. */
@WebListener
public class SimulatorRegistration implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(SimulatorRegistration.class.getName());

    @Inject
    private PaymentSettings settings;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        if (!settings.simulatorEnabled()) {
            LOG.info("Payment provider simulator disabled (marquee.payment.simulator=false)");
            return;
        }
        ServletRegistration.Dynamic servlet = sce.getServletContext().addServlet("provider-simulator",
                new ProviderSimulator(scheduler, settings.webhookSecret()));
        servlet.addMapping(ProviderSimulator.PATH + "/*");
        servlet.setAsyncSupported(true);
        LOG.warning("Payment provider SIMULATOR enabled at " + ProviderSimulator.PATH + ": for local runs and tests only");
    }
}
