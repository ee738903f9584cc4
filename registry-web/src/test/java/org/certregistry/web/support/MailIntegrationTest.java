package org.certregistry.web.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that read e-mail back: the application as in {@link RegistryIntegrationTest}, on
 * a port of its own, sending over SMTP to a real SMTP server in this JVM (GreenMail), polling its
 * outbox often and retrying soon. Every test class extending it shares one context and one server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "60s")
public abstract class MailIntegrationTest {

    protected static final int PORT = OwnPort.free();
    protected static final String BASE_URL = "http://localhost:" + PORT;
    protected static final int SMTP_PORT = OwnPort.free();
    protected static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    protected static final Mailbox MAILBOX = new Mailbox(SMTP);

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("registry.mail.poll-interval", () -> "200ms");
        // the shared test database holds every test's certificates: a start-up reminder run may queue many messages
        registry.add("registry.mail.batch-size", () -> "500");
        registry.add("registry.mail.first-retry", () -> "300ms");
        registry.add("registry.mail.max-retry", () -> "1s");
        registry.add("registry.mail.max-attempts", () -> "50");
        // a stalled exchange with the SMTP server (it is stopped and started by a test) is given up soon and retried
        registry.add("spring.mail.properties[mail.smtp.connectiontimeout]", () -> "2000");
        registry.add("spring.mail.properties[mail.smtp.timeout]", () -> "5000");
        registry.add("spring.mail.properties[mail.smtp.writetimeout]", () -> "5000");
        registry.add("registry.mail.lease", () -> "15s");
        registry.add("logging.level.com.icegreen.greenmail", () -> "warn");
        registry.add("holder.sign-in.per-client", () -> "1000");
        // every submission is flagged for audit, so the flag can be seen
        registry.add("registry.ceu.audit-share", () -> "1.0");
    }
}
